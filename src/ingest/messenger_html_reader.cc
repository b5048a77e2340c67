// The HTML variant of Facebook's "Download Your Information": each thread
// folder holds message_1.html, message_2.html, ... newest first. Facebook's
// class names are generated and change between years; candour knows the
// message blocks of the layouts in docs/formats/messenger.md and reads each
// as sender, content and date. Times are the account's local time as shown.
#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <strings.h>

#include "ingest/html_page.h"
#include "ingest/reader_support.h"
#include "ingest/readers.h"
#include "ingest/timestamps.h"

namespace candour {

namespace {

struct Pending {
  Message message;
  uint64_t order = 0;
  std::size_t file = 0;
};

bool is_message_block(xmlNodePtr node) {
  return has_class(node, "_a6-g") || (has_class(node, "pam") && has_class(node, "uiBoxWhite"));
}

// "Mar 02, 2017 9:18:00 pm", "Mar 2, 2017, 9:18 PM", "Mar 02, 2017, 09:18:00" -> ISO.
bool parse_shown_date(std::string text, std::string* iso) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  std::replace(text.begin(), text.end(), ',', ' ');
  char month[16] = {}, ampm[8] = {};
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  int n = std::sscanf(text.c_str(), "%15s %d %d %d:%d:%d %7s", month, &day, &year, &hour, &minute, &second, ampm);
  if (n < 5) return false;
  if (n == 5) {  // no seconds: the am/pm follows the minutes
    second = 0;
    std::sscanf(text.c_str(), "%15s %d %d %d:%d %7s", month, &day, &year, &hour, &minute, ampm);
  }
  int m = 0;
  for (int i = 0; i < 12; ++i) {
    if (strncasecmp(month, kMonths[i], 3) == 0) m = i + 1;
  }
  std::string suffix(ampm);
  std::transform(suffix.begin(), suffix.end(), suffix.begin(), [](unsigned char c) { return std::tolower(c); });
  if (suffix == "pm" && hour < 12) hour += 12;
  if (suffix == "am" && hour == 12) hour = 0;
  if (m == 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 || year < 1990) return false;
  format_iso(year, m, day, hour, minute, second, *iso);
  return true;
}

// A block's element children: sender, content, date (in that order in every layout known).
void read_block(xmlNodePtr block, Message& m) {
  xmlNodePtr parts[3] = {};
  int count = 0;
  for (xmlNodePtr c = block->children; c && count < 3; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) parts[count++] = c;
  }
  m.sender = text_under(parts[0]);
  m.sender_key = m.sender.empty() ? std::string() : sender_key_for(m.sender);
  xmlNodePtr content = parts[1];
  // Reactions are a list inside the content: "😂Dan Mercer".
  if (xmlNodePtr list = descendant_named(content, "ul")) {
    for (xmlNodePtr li = list->children; li; li = li->next) {
      if (li->type != XML_ELEMENT_NODE) continue;
      std::string r = text_under(li);
      std::size_t split = 0;
      while (split < r.size() && static_cast<unsigned char>(r[split]) >= 0x80) ++split;  // the emoji's bytes
      if (split > 0) m.reactions.push_back({trim(r.substr(split)), r.substr(0, split)});
    }
    xmlUnlinkNode(list);
    xmlFreeNode(list);
  }
  if (xmlNodePtr media = descendant_named(content, "img")) {
    m.attachments.push_back(std::filesystem::path(attribute_of(media, "src")).filename().string());
  }
  m.text = text_under(content);
  std::string shown = text_under(parts[2]);
  if (!parse_shown_date(shown, &m.time)) m.time_raw = shown;
  if (m.text.size() > 17 && m.text.compare(m.text.size() - 17, 17, "unsent a message.") == 0) {
    m.kind = MessageKind::deleted;
  } else if (m.text.empty() && !m.attachments.empty()) {
    m.kind = MessageKind::attachment;
  }
}

// A block's time as read_block gives it ("" if none can be read).
std::string time_of_block(xmlNodePtr block) {
  xmlNodePtr date = nullptr;
  int count = 0;
  for (xmlNodePtr c = block->children; c && count < 3; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && ++count == 3) date = c;
  }
  std::string iso;
  if (!parse_shown_date(text_under(date), &iso)) iso.clear();
  return iso;
}

// A page's message blocks, in document order. Blocks may sit at any depth;
// the tree is walked without recursion.
std::vector<xmlNodePtr> message_blocks(xmlNodePtr root) {
  std::vector<xmlNodePtr> stack, blocks;
  if (root) stack.push_back(root);  // a page the parser made nothing of has no root
  while (!stack.empty()) {
    xmlNodePtr node = stack.back();
    stack.pop_back();
    if (is_message_block(node)) {
      blocks.push_back(node);
      continue;
    }
    std::vector<xmlNodePtr> children;
    for (xmlNodePtr c = node->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) children.push_back(c);
    }
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
  return blocks;
}

void hold_blocks(const std::vector<xmlNodePtr>& blocks, std::size_t file, const std::string& name,
                 std::vector<Pending>& pending, uint64_t& order) {
  uint64_t position = 0;
  pending.reserve(pending.size() + blocks.size());
  for (xmlNodePtr block : blocks) {
    Pending& p = pending.emplace_back();
    p.order = order++;
    p.file = file;
    p.message.location = fmt::format("{} block {} (line {})", name, position++, xmlGetLineNo(block));
    read_block(block, p.message);
  }
}

// The earliest and latest time among a page's messages.
struct TimeRange {
  std::string earliest, latest;
  uint64_t messages = 0;
};

}  // namespace

bool read_messenger_html(const InputSource& input, const ReaderOptions& options, MessageSink& sink,
                         SourceReport& report) {
  report.format = "messenger-html";
  report.time_zone = "local time of the account, as shown in the download";
  report.files.reserve(input.parts.size());
  std::vector<Pending> pending;
  uint64_t order = 0;
  std::vector<TimeRange> ranges(input.parts.size());
  // As in read_messenger: a long thread is not held whole, its pages are
  // read again one at a time (docs/formats/messenger.md).
  bool held = true;
  std::vector<std::size_t> every(input.parts.size());
  for (std::size_t i = 0; i < every.size(); ++i) every[i] = i;
  for (PageLoader pages(input.parts, every, options.parse_ahead); !pages.done();) {
    std::size_t i;
    LoadedPage page = pages.next(&i);  // sets i, before the part is named
    // Every page read is added to report.files, in order: part i's is files[i].
    HtmlDoc doc = report_html_page(input.parts[i], std::move(page), report, sink);
    if (!report.error.empty()) return false;
    if (!doc) continue;
    xmlNodePtr root = xmlDocGetRootElement(doc.get());
    if (i == 0) {
      std::string title = text_under(descendant_named(root, "title"));
      if (!title.empty()) report.conversation = title;
    }
    const std::vector<xmlNodePtr> blocks = message_blocks(root);
    if (blocks.empty()) {
      report.warnings.push_back(input.parts[i].display + ": no message blocks in a layout candour knows");
      ++report.records;
      emit_unparsed_record(report, sink, 0, "(whole file)", "no recognised message blocks");
      continue;
    }
    report.records += blocks.size();
    TimeRange& range = ranges[i];
    range.messages = blocks.size();
    auto widen = [&range](const std::string& time) {
      if (time < range.earliest) range.earliest = time;
      if (time > range.latest) range.latest = time;
    };
    if (held) {
      const std::size_t first = pending.size();
      hold_blocks(blocks, i, part_file_name(input.parts[i]), pending, order);
      range.earliest = range.latest = pending[first].message.time;
      for (std::size_t k = first; k < pending.size(); ++k) widen(pending[k].message.time);
      if (pending.size() > options.held_messages) {
        held = false;
        pending = {};
      }
    } else {
      range.earliest = range.latest = time_of_block(blocks.front());
      for (xmlNodePtr block : blocks) widen(time_of_block(block));
    }
    pages.recycle(std::move(doc));
  }
  // Oldest first; equal times keep the export's relative order, reversed.
  // An index is sorted, not the messages.
  auto emit_oldest_first = [&] {
    std::vector<uint32_t> order_of(pending.size());
    for (std::size_t i = 0; i < order_of.size(); ++i) order_of[i] = static_cast<uint32_t>(i);
    std::stable_sort(order_of.begin(), order_of.end(), [&](uint32_t x, uint32_t y) {
      const Pending &a = pending[x], &b = pending[y];
      if (a.message.time != b.message.time) return a.message.time < b.message.time;
      return a.order > b.order;
    });
    for (uint32_t i : order_of) {
      Pending& p = pending[i];
      set_provenance(p.message, report.files[p.file], report.format, report.conversation);
      emit_entry(p.message, report, sink);
    }
    pending = {};
  };
  if (held) {
    emit_oldest_first();
    return true;
  }
  bool follow = true;  // each page no newer than the page before it
  const TimeRange* newer = nullptr;
  for (const TimeRange& r : ranges) {
    if (r.messages == 0) continue;
    if (newer && r.latest > newer->earliest) follow = false;
    newer = &r;
  }
  // The pages with messages again, checked against their hashes: one at a
  // time from the oldest if they follow in time, else all, then sorted.
  std::vector<std::size_t> again;
  for (std::size_t i = 0; i < input.parts.size(); ++i) {
    if (ranges[i].messages > 0) again.push_back(i);
  }
  if (follow) std::reverse(again.begin(), again.end());
  order = 0;
  for (PageLoader pages(input.parts, again, options.parse_ahead); !pages.done();) {
    std::size_t i;
    LoadedPage page = pages.next(&i);
    if (!page.error.empty()) {
      report.error = input.parts[i].display + ": " + page.error;
      return false;
    }
    if (!page.doc || page.file.sha256 != report.files[i].sha256) {
      report.error = input.parts[i].display + ": changed while it was being read";
      return false;
    }
    hold_blocks(message_blocks(xmlDocGetRootElement(page.doc.get())), i, part_file_name(input.parts[i]),
                pending, order);
    pages.recycle(std::move(page.doc));
    if (follow) emit_oldest_first();
  }
  if (!follow) emit_oldest_first();
  return true;
}

}  // namespace candour
