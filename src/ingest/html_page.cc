#include "ingest/html_page.h"

#include <fmt/core.h>

#include "ingest/reader_support.h"

namespace candour {

HtmlDoc load_html_page(const InputPart& part, SourceFile* file, std::string* error) {
  Sha256 hash;
  HashingSource source(part.open(), &hash);
  std::string bytes;
  std::string buffer(1 << 16, '\0');
  for (std::size_t got; (got = source.read(buffer.data(), buffer.size())) > 0;) {
    if (bytes.size() < kMaxHtmlPage) bytes.append(buffer, 0, got);
  }
  if (!source.error().empty()) {
    *error = source.error();
    return HtmlDoc(nullptr, xmlFreeDoc);
  }
  *file = {part.display, hash.hex_digest(), source.bytes()};
  if (source.bytes() > kMaxHtmlPage) return HtmlDoc(nullptr, xmlFreeDoc);
  return HtmlDoc(htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, "UTF-8",
                                HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER),
                 xmlFreeDoc);
}

HtmlDoc report_html_page(const InputPart& part, LoadedPage page, SourceReport& report, MessageSink& sink) {
  if (!page.error.empty()) {
    report.error = part.display + ": " + page.error;
    return std::move(page.doc);
  }
  report.files.push_back(page.file);
  report.bytes += page.file.bytes;
  if (page.file.bytes > kMaxHtmlPage) {
    report.warnings.push_back(fmt::format("{}: larger than {} MiB, not read", part.display, kMaxHtmlPage >> 20));
    ++report.records;
    emit_unparsed_record(report, sink, 0, "(whole file)", "HTML page too large");
  }
  return std::move(page.doc);
}

HtmlDoc read_html_page(const InputPart& part, SourceReport& report, MessageSink& sink) {
  LoadedPage page;
  page.doc = load_html_page(part, &page.file, &page.error);
  return report_html_page(part, std::move(page), report, sink);
}

PageLoader::PageLoader(const std::vector<InputPart>& parts, std::vector<std::size_t> order, bool ahead)
    : parts_(parts), order_(std::move(order)), ahead_(ahead) {
  if (ahead_) {
    xmlInitParser();  // once, before any thread parses
    if (!done()) start(0);
  }
}

PageLoader::~PageLoader() {
  if (loading_.valid()) loading_.wait();  // its document is freed with it
}

void PageLoader::start(std::size_t k) {
  const InputPart& part = parts_[order_[k]];
  loading_ = std::async(std::launch::async, [&part, old = std::move(done_with_)]() mutable {
    old.reset();
    LoadedPage page;
    page.doc = load_html_page(part, &page.file, &page.error);
    return page;
  });
}

LoadedPage PageLoader::next(std::size_t* index) {
  *index = order_[next_];
  LoadedPage page;
  if (ahead_) {
    page = loading_.get();
    if (next_ + 1 < order_.size()) start(next_ + 1);
  } else {
    page.doc = load_html_page(parts_[*index], &page.file, &page.error);
  }
  ++next_;
  return page;
}

void PageLoader::recycle(HtmlDoc doc) {
  if (ahead_) done_with_ = std::move(doc);  // else it is freed here, now
}

bool has_class(xmlNodePtr node, std::string_view wanted) {
  std::string value = attribute_of(node, "class");
  std::string_view classes(value);
  for (std::size_t pos = 0; pos <= classes.size();) {
    std::size_t end = classes.find(' ', pos);
    if (end == std::string_view::npos) end = classes.size();
    if (classes.substr(pos, end - pos) == wanted) return true;
    pos = end + 1;
  }
  return false;
}

std::string attribute_of(xmlNodePtr node, const char* name) {
  if (!node) return {};
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!value) return {};
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

void append_text_under(xmlNodePtr node, std::string& out) {
  for (xmlNodePtr c = node ? node->children : nullptr; c; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content) {
      out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      if (xmlStrcasecmp(c->name, reinterpret_cast<const xmlChar*>("br")) == 0) out.push_back('\n');
      else append_text_under(c, out);
    }
  }
}

std::string trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \n\t\r"), e = s.find_last_not_of(" \n\t\r");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

std::string text_under(xmlNodePtr node) {
  std::string out;
  append_text_under(node, out);
  return trim(out);
}

xmlNodePtr child_with_class(xmlNodePtr node, std::string_view cls) {
  for (xmlNodePtr c = node ? node->children : nullptr; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && has_class(c, cls)) return c;
  }
  return nullptr;
}

xmlNodePtr descendant_with_class(xmlNodePtr node, std::string_view cls) {
  for (xmlNodePtr c = node ? node->children : nullptr; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (has_class(c, cls)) return c;
    if (xmlNodePtr found = descendant_with_class(c, cls)) return found;
  }
  return nullptr;
}

xmlNodePtr descendant_named(xmlNodePtr node, const char* tag) {
  for (xmlNodePtr c = node ? node->children : nullptr; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (xmlStrcasecmp(c->name, reinterpret_cast<const xmlChar*>(tag)) == 0) return c;
    if (xmlNodePtr found = descendant_named(c, tag)) return found;
  }
  return nullptr;
}

}  // namespace candour
