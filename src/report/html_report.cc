#include "report/html_report.h"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>

#include "report/svg_charts.h"
#include "util/atomic_file.h"
#include "util/base64.h"
#include "util/sha256.h"
#include "text/utf8.h"

namespace candour {

void append_html_escaped(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t run = i;
    while (run < text.size() && text[run] != '&' && text[run] != '<' && text[run] != '>' && text[run] != '"' &&
           text[run] != '\'') {
      ++run;
    }
    out.append(text.data() + i, run - i);  // runs that need no escaping go in whole
    if (run == text.size()) break;
    switch (text[run]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += "&#39;";
    }
    i = run + 1;
  }
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  append_html_escaped(out, text);
  return out;
}

std::string masked_text(std::string_view text, bool keep_first) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 0;
    char32_t cp = decode_utf8(text, i, &len);
    if ((keep_first && i == 0) || cp == ' ') {
      out.append(text.substr(i, len));
    } else {
      out.push_back('*');
    }
    i += len;
  }
  return out;
}

namespace {

// A word from the lexicon, masked ("b*****") until the reader asks: tap or
// hover shows it, and the "Show offensive words" switch shows them all. CSS
// only, so it works with scripts off.
void append_masked_html(std::string& out, std::string_view text, bool keep_first) {
  out += "<span class=\"m\" tabindex=\"0\"><span class=\"x\">";
  append_html_escaped(out, masked_text(text, keep_first));
  out += "</span><span class=\"o\">";
  append_html_escaped(out, text);
  out += "</span></span>";
}

bool is_lexicon(const Finding& f) { return f.rule.rfind("lexicon:", 0) == 0; }

}  // namespace

std::string highlight_html(std::string_view text, const std::vector<Finding>& findings) {
  std::vector<std::size_t> cuts = {0, text.size()};
  for (const auto& f : findings) {
    if (f.end <= text.size() && f.start < f.end) {
      cuts.push_back(f.start);
      cuts.push_back(f.end);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::string out;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    std::size_t a = cuts[i], b = cuts[i + 1];
    bool marked = false;
    const Finding* word = nullptr;
    for (const auto& f : findings) {
      if (f.start <= a && b <= f.end) {
        marked = true;
        if (is_lexicon(f) && (!word || f.start < word->start)) word = &f;
      }
    }
    if (marked) out += "<mark>";
    if (word) {
      append_masked_html(out, text.substr(a, b - a), a == word->start);
    } else {
      append_html_escaped(out, text.substr(a, b - a));
    }
    if (marked) out += "</mark>";
  }
  return out;
}

HtmlReport::HtmlReport(std::size_t items_in_memory)
    : items_in_memory_(items_in_memory), spool_(std::tmpfile()), cleared_spool_(std::tmpfile()) {
  spool_buffers_ = std::make_unique<char[]>(2 * kOutputBufferBytes);
  if (spool_) std::setvbuf(spool_, spool_buffers_.get(), _IOFBF, kOutputBufferBytes);
  if (cleared_spool_) std::setvbuf(cleared_spool_, spool_buffers_.get() + kOutputBufferBytes, _IOFBF, kOutputBufferBytes);
}

HtmlReport::~HtmlReport() {
  if (spool_) std::fclose(spool_);
  if (cleared_spool_) std::fclose(cleared_spool_);
  if (items_spool_) std::fclose(items_spool_);
}

void HtmlReport::spool_person_items() {
  if (!items_spool_ && !items_spool_failed_) items_spool_ = std::tmpfile();
  if (!items_spool_ || items_spool_failed_) {
    items_spool_failed_ = true;
    return;
  }
  for (auto& [name, items] : person_items_) {
    if (items.pending.empty()) continue;
    if (std::fwrite(items.pending.data(), 1, items.pending.size(), items_spool_) != items.pending.size()) {
      items_spool_failed_ = true;  // this and later items stay in memory; nothing is lost
      return;
    }
    items.spooled.emplace_back(items_spooled_, items.pending.size());
    items_spooled_ += items.pending.size();
    std::string().swap(items.pending);
  }
  pending_bytes_ = 0;
}

void HtmlReport::add_flagged(const FlaggedRecord& record) {
  std::string anchor = "f" + std::to_string(++flagged_count_);
  std::string categories;
  for (const auto& f : record.findings) {
    std::string_view c = to_string(f.category);
    if (categories.find(c) == std::string::npos) categories += (categories.empty() ? "" : ", ") + std::string(c);
  }
  std::string& items = person_items_[record.message.sender].pending;
  const std::size_t before = items.size();
  items.append("<li><a href=\"#").append(anchor).append("\">");
  append_html_escaped(items, record.message.time);
  items.append("</a> · severity ").append(std::to_string(record.severity)).append(" · ");
  append_html_escaped(items, categories);
  items.append("</li>");
  pending_bytes_ += items.size() - before;
  if (pending_bytes_ > items_in_memory_ && !items_spool_failed_) spool_person_items();
  format_message(record.message, record.findings, record.severity, &record, anchor);
  if (spool_ && std::fwrite(row_.data(), 1, row_.size(), spool_) != row_.size()) spool_failed_ = true;
}

void HtmlReport::add_cleared(const Message& m, const std::vector<Finding>& cleared) {
  format_message(m, cleared, 0);
  if (cleared_spool_ && std::fwrite(row_.data(), 1, row_.size(), cleared_spool_) != row_.size()) spool_failed_ = true;
}

void HtmlReport::format_message(const Message& m, const std::vector<Finding>& findings, int severity,
                                const FlaggedRecord* replies, const std::string& anchor) {
  // Written straight into row_: one message at a time, no temporaries.
  row_.clear();
  auto number = [this](auto n) {
    fmt::format_int digits(n);
    row_.append(digits.data(), digits.size());
  };
  // data-* attributes drive the filters (with scripts on); ids let the person sections link here.
  row_ += "<article";
  if (!anchor.empty()) row_.append(" id=\"").append(anchor).append("\"");
  row_ += " data-person=\"";
  append_html_escaped(row_, m.sender);
  row_ += "\" data-cats=\"";
  uint32_t listed = 0;  // categories, each once, in the order they first appear
  for (const auto& f : findings) {
    const uint32_t bit = 1u << static_cast<int>(f.category);
    if (listed & bit) continue;
    if (listed) row_.push_back(' ');
    listed |= bit;
    row_.append(to_string(f.category));
  }
  row_ += "\" data-sev=\"";
  number(severity);
  row_ += "\" data-date=\"";
  append_html_escaped(row_, std::string_view(m.time).substr(0, 10));
  row_ += "\" class=\"msg sev";
  number(severity);
  row_ += "\"><header><span class=\"sev\">";
  if (severity) {
    row_ += "severity ";
    number(severity);
  } else {
    row_ += "cleared";
  }
  row_ += "</span> <time>";
  if (m.time.empty()) {
    append_html_escaped(row_, m.time_raw.empty() ? std::string_view("time unknown") : std::string_view(m.time_raw));
  } else {
    append_html_escaped(row_, m.time);
  }
  // Shown beside the local time when the export gave UTC as well.
  if (!m.time_utc.empty() && std::string_view(m.time_utc).substr(0, 19) != m.time) {
    row_ += " (";
    append_html_escaped(row_, m.time_utc);
    row_ += ")";
  }
  row_ += "</time> <b>";
  append_html_escaped(row_, m.sender.empty() ? std::string_view("(no sender)") : std::string_view(m.sender));
  row_ += "</b>";
  // A phone extraction's deleted or carved messages are marked as such.
  if (!m.deleted_state.empty() && m.deleted_state != "Intact") {
    row_ += " <span class=\"state\">";
    append_html_escaped(row_, m.deleted_state);
    if (!m.decoding_confidence.empty()) {
      row_ += ", confidence ";
      append_html_escaped(row_, m.decoding_confidence);
    }
    row_ += "</span>";
  }
  row_ += " <span class=\"where\">";
  append_html_escaped(row_, m.source);
  row_ += " · ";
  // Where it is: the line for text exports, the record's place for structured ones.
  if (m.location.empty()) {
    row_ += "line ";
    number(m.line);
  } else {
    append_html_escaped(row_, m.location);
  }
  row_ += " · entry ";
  number(m.index);
  row_ += "</span></header>\n<p class=\"text\">";
  row_ += highlight_html(m.text, findings);
  row_ += "</p>\n<ul>";
  for (const auto& f : findings) {
    row_ += "<li><b>";
    row_ += to_string(f.category);
    row_ += "</b>";
    if (f.target != Target::none) row_.append(" (").append(to_string(f.target)).append(")");
    row_ += " · severity ";
    number(f.severity);
    row_ += " · confidence ";
    fmt::format_to(std::back_inserter(row_), "{:.2f}", f.confidence);
    row_ += " · “";
    if (is_lexicon(f)) {
      append_masked_html(row_, f.evidence, true);
    } else {
      append_html_escaped(row_, f.evidence);
    }
    row_ += "” · <code>";
    append_html_escaped(row_, f.rule);
    row_ += "</code> (";
    append_html_escaped(row_, f.source);
    row_ += ")";
    if (!f.standards.empty()) {
      row_ += " · standards: ";
      for (std::size_t i = 0; i < f.standards.size(); ++i) {
        if (i) row_ += ", ";
        append_html_escaped(row_, f.standards[i]);
      }
    }
    if (!f.note.empty()) {
      row_ += " · ";
      append_html_escaped(row_, f.note);
    }
    row_ += "</li>";
  }
  row_ += "</ul>";
  if (replies && !replies->targets.empty()) {
    std::string names;
    for (const auto& n : replies->targets) names += (names.empty() ? "" : ", ") + html_escape(n);
    row_ += "<p class=\"replies\">Names: <b>" + names + "</b></p>";
  }
  if (replies && (!replies->endorsed_by.empty() || !replies->challenged_by.empty())) {
    auto names = [](const std::vector<std::string>& list) {
      std::string out;
      for (const auto& n : list) out += (out.empty() ? "" : ", ") + html_escape(n);
      return out;
    };
    row_ += "<p class=\"replies\">";
    if (!replies->endorsed_by.empty()) row_ += "Laughed along or agreed: <b>" + names(replies->endorsed_by) + "</b>. ";
    if (!replies->challenged_by.empty()) row_ += "Challenged by: <b>" + names(replies->challenged_by) + "</b>.";
    row_ += "</p>";
  }
  row_ += "</article>\n";
}

namespace {

// The only script: shows the filter form and hides messages that do not
// match. The Content-Security-Policy allows exactly this script (by hash), so
// nothing else can run even if escaping ever failed.
constexpr std::string_view kFilterScript = R"((function(){var f=document.getElementById('filters');if(!f)return;f.hidden=false;
function apply(){var p=f.person.value,c=f.category.value,s=+f.severity.value,a=f.from.value,b=f.to.value;
document.querySelectorAll('article.msg').forEach(function(e){var d=e.dataset;var ok=(!p||d.person===p)&&
(!c||(' '+d.cats+' ').indexOf(' '+c+' ')>=0)&&(+d.sev>=s||d.sev==='0')&&(!a||d.date>=a)&&(!b||d.date<=b);
e.style.display=ok?'':'none';});}
f.addEventListener('input',apply);f.addEventListener('change',apply);})();)";

std::string filter_script_hash() {
  std::string hex = sha256_hex(kFilterScript), digest;
  for (std::size_t i = 0; i < hex.size(); i += 2) digest.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return "sha256-" + base64_encode(digest);
}

// A stable anchor number for a person's section, from their name.
std::size_t person_number(const std::string& name) { return std::hash<std::string>{}(name) % 1000000007u; }

constexpr std::string_view kStyle = R"(
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
h1{margin-bottom:0}table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right}.warn{color:#8a4b00}.muted{color:#666}
article.msg{border-left:6px solid #bbb;padding:.4em .8em;margin:.8em 0;background:#fafafa;break-inside:avoid}
article.sev4{border-color:#b00020}article.sev3{border-color:#e65100}article.sev2{border-color:#f9a825}
.sev{font-weight:bold}.where{color:#666;font-size:90%}.state{background:#fde2e1;color:#8a1c14;padding:0 .3em;border-radius:3px}.text{white-space:pre-wrap;margin:.3em 0}
.replies{margin:.3em 0;color:#333}.ctx{color:#555;font-size:90%;margin:.15em 0 .15em 1.2em;white-space:pre-wrap}
.episode{border:1px solid #ddd;padding:.4em;margin:1em 0;break-inside:avoid}mark{background:#ffd54f}
.m .o{display:none}.m:hover .o,.m:focus .o{display:inline}.m:hover .x,.m:focus .x{display:none}
#reveal:checked~.report .m .o{display:inline}#reveal:checked~.report .m .x{display:none}
.charts svg{display:block;margin:1em 0;max-width:100%;height:auto}
.switch{position:sticky;top:0;background:#fff;padding:.3em 0;display:block}code{font-size:90%;word-break:break-all}table{max-width:100%}
@media print{article.msg,.episode,section.person,svg{page-break-inside:avoid}#reveal,label[for=reveal],#filters,.switch{display:none}
h2{page-break-after:avoid}.report>h2:nth-of-type(n+3){page-break-before:always}body{max-width:none;margin:0}}
)";

}  // namespace

bool HtmlReport::render(const ScanResult& r, const std::function<void(std::string_view)>& write) {
  const ScanStats& st = r.stats;
  std::string out;
  // A person's list items that went to the temporary file, read back in order.
  const bool items_readable = !items_spool_ || std::fflush(items_spool_) == 0;
  auto copy_spooled = [&](const std::vector<std::pair<uint64_t, std::size_t>>& spooled) {
    char buffer[1 << 16];
    for (auto [offset, length] : spooled) {
      while (length > 0) {
        const ssize_t got = items_readable ? ::pread(::fileno(items_spool_), buffer, std::min(length, sizeof buffer),
                                                     static_cast<off_t>(offset))
                                           : -1;
        if (got <= 0) {
          spool_failed_ = true;
          return;
        }
        write(std::string_view(buffer, static_cast<std::size_t>(got)));
        offset += static_cast<uint64_t>(got);
        length -= static_cast<std::size_t>(got);
      }
    }
  };
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src '" + filter_script_hash() + "'\">\n"
         "<title>candour report</title><style>";
  out += kStyle;
  out += "</style></head><body>\n<input type=\"checkbox\" id=\"reveal\"> <label for=\"reveal\">Show offensive "
         "words</label> <span class=\"muted\">(masked by default; tap or hover a masked word to see it)</span>\n"
         "<div class=\"report\">\n<h1>candour screening report</h1>\n";
  fmt::format_to(std::back_inserter(out),
                 "<p class=\"muted\">candour {} · policy {} {} (sha256 {}) · standards: {}</p>\n", CANDOUR_VERSION,
                 html_escape(r.policy->name), html_escape(r.policy->version), r.policy->sha256,
                 html_escape(r.policy->mapping() ? r.policy->mapping()->title : r.policy->active_mapping));
  out += "<p>candour flags messages and explains why; it does not decide misconduct. Every flag below shows "
         "the words that matched and the rule that fired: a person must read each in context and decide.</p>\n";

  out += "<h2>Sources</h2>\n<table><tr><th>source</th><th>format</th><th>conversation</th><th>time range "
         "(local)</th><th>entries</th><th>messages</th><th>unparsed lines</th><th>date order</th><th>sha256</th></tr>\n";
  for (const auto& s : r.sources) {
    fmt::format_to(std::back_inserter(out),
                   "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} – {}<br><span class=\"muted\">{}</span></td>"
                   "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}{}</td>"
                   "<td><code>{}</code></td></tr>\n",
                   html_escape(s.path), html_escape(s.format), html_escape(s.conversation),
                   html_escape(s.first_time), html_escape(s.last_time), html_escape(s.time_zone), s.entries,
                   s.messages, s.unparsed_lines, html_escape(s.date_order), s.date_order_guessed ? " (guessed)" : "",
                   html_escape(s.sha256));
    for (const auto& w : s.warnings) out += "<tr><td colspan=\"9\" class=\"warn\">⚠ " + html_escape(w) + "</td></tr>\n";
    if (!s.error.empty()) out += "<tr><td colspan=\"9\" class=\"warn\">✖ " + html_escape(s.error) + "</td></tr>\n";
  }
  out += "</table>\n";
  if (!r.failures.empty() || !r.skipped.empty()) {
    out += "<h2>Not read</h2>\n<table><tr><th>path</th><th>why</th></tr>\n";
    for (const auto& f : r.failures) {
      out += "<tr><td>" + html_escape(f.path) + "</td><td class=\"warn\">failed: " + html_escape(f.reason) + "</td></tr>\n";
    }
    for (const auto& f : r.skipped) {
      out += "<tr><td>" + html_escape(f.path) + "</td><td>skipped: " + html_escape(f.reason) + "</td></tr>\n";
    }
    out += "</table>\n";
  }

  fmt::format_to(std::back_inserter(out),
                 "<h2>Overview</h2>\n<p>{} entries read, {} messages screened, <b>{} flagged</b> "
                 "(severity 4: {}, 3: {}, 2: {}, 1: {}). {} flagged messages drew laughter or agreement from "
                 "someone else; {} were challenged.</p>\n",
                 st.entries, st.scanned, st.flagged, st.by_severity[4], st.by_severity[3], st.by_severity[2],
                 st.by_severity[1], st.flagged_endorsed, st.flagged_challenged);
  if (st.flagged > 0) {
    // Charts: who posted what, when, how severe, and how the group reacted.
    std::vector<int> categories;
    for (int c = 0; c < kCategoryCount; ++c) {
      if (st.by_category[c]) categories.push_back(c);
    }
    std::vector<std::string> names, columns;
    std::vector<std::vector<uint64_t>> grid;
    std::vector<std::pair<uint64_t, uint64_t>> reactions;
    for (const auto* entry : st.people_by_flagged()) {
      const PersonStats& p = entry->second;
      if (p.flagged == 0 && p.endorsements_given == 0 && p.challenges_made == 0) continue;
      names.push_back(p.name);
      std::vector<uint64_t> row;
      for (int c : categories) row.push_back(p.by_category[c]);
      grid.push_back(std::move(row));
      reactions.emplace_back(p.endorsements_given, p.challenges_made);
    }
    for (int c : categories) columns.emplace_back(to_string(static_cast<Category>(c)));
    std::vector<std::pair<std::string, uint64_t>> months, severities;
    for (const auto& [month, m] : st.months) months.emplace_back(month, m.flagged);
    for (int s = 4; s >= 1; --s) severities.emplace_back("severity " + std::to_string(s), st.by_severity[s]);
    out += "<h2>Charts</h2>\n<div class=\"charts\">\n";
    out += svg_heatmap(names, columns, grid, "Flagged messages by person and category") + "\n";
    out += svg_bars(months, "Flagged messages by month") + "\n";
    out += svg_bars(severities, "Flagged messages by severity") + "\n";
    out += svg_paired_bars(names, reactions, "endorsed others' flagged messages", "challenged them",
                           "Laughing along versus challenging, by person") + "\n</div>\n";
  }
  if (!st.episodes.empty()) {
    out += "<h2>Most serious episodes</h2>\n<p>The most severe flagged messages (the most laughed-along-with first "
           "among equals), with the entries around them.</p>\n";
    for (const auto& e : st.episodes) {
      auto context = [&](const std::vector<ContextLine>& lines) {
        for (const auto& l : lines) {
          out += "<div class=\"ctx\"><time>" + html_escape(l.time) + "</time> <b>" + html_escape(l.sender) + "</b>: " +
                 html_escape(l.text) + "</div>\n";
        }
      };
      out += "<section class=\"episode\">\n";
      context(e.before);
      format_message(e.message, e.findings, e.severity, &e);
      out += row_;
      context(e.after);
      out += "</section>\n";
    }
  }
  if (st.months.size() > 1) {
    out += "<h2>Flagged messages by month</h2>\n<table><tr><th>month</th><th>messages</th><th>flagged</th></tr>\n";
    for (const auto& [month, m] : st.months) {
      fmt::format_to(std::back_inserter(out), "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                     html_escape(month), m.messages, m.flagged);
    }
    out += "</table>\n";
  }
  out += "<table><tr><th>category</th><th>flagged messages</th></tr>\n";
  for (int c = 0; c < kCategoryCount; ++c) {
    fmt::format_to(std::back_inserter(out), "<tr><td>{}</td><td class=\"n\">{}</td></tr>\n",
                   to_string(static_cast<Category>(c)), st.by_category[c]);
  }
  out += "</table>\n<h2>People</h2>\n<table><tr><th>person</th><th>messages</th><th>flagged</th><th>highest "
         "severity</th>";
  // Only the categories that occur, so the table fits the page.
  std::vector<int> shown;
  for (int c = 0; c < kCategoryCount; ++c) {
    if (st.by_category[c]) shown.push_back(c);
  }
  for (int c : shown) {
    std::string name(to_string(static_cast<Category>(c)));
    std::replace(name.begin(), name.end(), '_', ' ');  // lets narrow headers wrap
    out += "<th>" + name + "</th>";
  }
  out += "<th>endorsed others</th><th>was endorsed</th><th>challenged others</th><th>named in others' flagged messages</th><th>present and silent</th><th>first – last flagged</th></tr>\n";
  for (const auto* entry : st.people_by_flagged()) {
    const PersonStats& p = entry->second;
    std::string name = p.flagged ? "<a href=\"#person-" + std::to_string(person_number(p.name)) + "\">" +
                                       html_escape(p.name) + "</a>"
                                 : html_escape(p.name);
    fmt::format_to(std::back_inserter(out), "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
                   name, p.messages, p.flagged, p.max_severity);
    for (int c : shown) {
      out += "<td class=\"n\">" + (p.by_category[c] ? std::to_string(p.by_category[c]) : std::string()) + "</td>";
    }
    fmt::format_to(std::back_inserter(out),
                   "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                   "<td class=\"n\">{}</td>",
                   p.endorsements_given, p.endorsements_received, p.challenges_made, p.times_targeted, p.present_silent);
    out += "<td>" + html_escape(p.first_flagged) + " – " + html_escape(p.last_flagged) + "</td></tr>\n";
  }
  out += "</table>\n";
  // A section per person who posted flagged messages: their pattern and each message.
  for (const auto* entry : st.people_by_flagged()) {
    const PersonStats& p = entry->second;
    if (p.flagged == 0) continue;
    fmt::format_to(std::back_inserter(out),
                   "<section class=\"person\" id=\"person-{}\"><h3>{}</h3><p>{} flagged of {} messages ({}), from {} to {}; "
                   "highest severity {}. Endorsed others {} times, was endorsed {} times, challenged others {} times, "
                   "was challenged {} times, named in others' flagged messages {} times, present and silent {} times.</p><ul>",
                   person_number(p.name), html_escape(p.name), p.flagged, p.messages, html_escape(p.pattern()),
                   html_escape(p.first_flagged), html_escape(p.last_flagged), p.max_severity, p.endorsements_given,
                   p.endorsements_received, p.challenges_made, p.challenges_received, p.times_targeted, p.present_silent);
    if (auto it = person_items_.find(p.name); it != person_items_.end()) {
      if (!it->second.spooled.empty()) {
        write(out);
        out.clear();
        copy_spooled(it->second.spooled);
      }
      out += it->second.pending;
    }
    out += "</ul></section>\n";
  }
  // Filters: hidden unless scripts run (the report reads fully without them).
  out += "<form id=\"filters\" hidden><b>Filter:</b> <select name=\"person\"><option value=\"\">everyone</option>";
  for (const auto* entry : st.people_by_flagged()) {
    if (entry->second.flagged) out += "<option>" + html_escape(entry->second.name) + "</option>";
  }
  out += "</select> <select name=\"category\"><option value=\"\">all categories</option>";
  for (int c = 0; c < kCategoryCount; ++c) {
    if (st.by_category[c]) out += "<option>" + std::string(to_string(static_cast<Category>(c))) + "</option>";
  }
  out += "</select> <select name=\"severity\"><option value=\"0\">any severity</option><option value=\"2\">2+</option>"
         "<option value=\"3\">3+</option><option value=\"4\">4</option></select> from <input type=\"date\" name=\"from\"> "
         "to <input type=\"date\" name=\"to\"></form>\n";
  out += "<h2>Flagged messages (in source order)</h2>\n";
  if (st.flagged == 0) out += "<p>No message matched the policy.</p>\n";
  write(out);
  out.clear();
  auto copy_spool = [&](FILE* spool) {
    if (!spool) return;
    if (std::fflush(spool) != 0) spool_failed_ = true;
    std::rewind(spool);
    char buffer[1 << 16];
    std::size_t got;
    while ((got = std::fread(buffer, 1, sizeof buffer, spool)) > 0) write(std::string_view(buffer, got));
    if (std::ferror(spool)) spool_failed_ = true;
  };
  copy_spool(spool_);
  if (st.cleared > 0) {
    write(fmt::format("<h2>Cleared by context ({})</h2>\n<p>These messages matched the policy, but the words "
                      "were quoted in a duty report, named in order to condemn them, or negated. They are not "
                      "counted as flagged; check that the reading is right.</p>\n",
                      st.cleared));
    copy_spool(cleared_spool_);
  }
  out += "<h2>Methods and limits</h2>\n<p>Messages are normalised (case, accents, look-alike letters, invisible "
         "characters) and matched against the policy's terms and phrase rules, reading through masking, "
         "leetspeak, spacing, repeated letters and misspellings; a phrase can depend on the same sender's "
         "previous message. Words quoted in a duty report, named to condemn them, or negated are cleared and "
         "listed apart. The rules do not understand irony, and they miss abuse written in words the policy "
         "does not list. Times are the phone's local wall-clock time as exported, in the zone stated for each "
         "source.</p>\n</div><script>" + std::string(kFilterScript) + "</script></body></html>\n";
  write(out);
  return !spool_failed_;
}

}  // namespace candour
