// Small helpers over libxml2's HTML tree, for the HTML export readers
// (Telegram, Messenger). Pages are parsed whole: these exports are split
// into pages (Telegram's of about a thousand messages, Facebook's of
// thousands).
#pragma once

#include <libxml/HTMLparser.h>

#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/input_catalog.h"
#include "ingest/source_report.h"

namespace candour {

using HtmlDoc = std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)>;

inline constexpr std::size_t kMaxHtmlPage = 256u << 20;

// Reads and hashes a page (added to report.files) and parses it, without
// network access; markup errors are recovered from. Returns a null document
// with report.error set if the file cannot be read, or with a warning and an
// unparsed record if it is too large.
HtmlDoc read_html_page(const InputPart& part, SourceReport& report, MessageSink& sink);
// The same, reporting nothing: `file` gets the page's hash and size. A null
// document with `error` set if it cannot be read; a null one with
// file->bytes over kMaxHtmlPage if it is too large.
HtmlDoc load_html_page(const InputPart& part, SourceFile* file, std::string* error);

// A page as load_html_page gives it.
struct LoadedPage {
  HtmlDoc doc{nullptr, xmlFreeDoc};
  SourceFile file;
  std::string error;
};

// What read_html_page reports of a loaded page; returns its document.
HtmlDoc report_html_page(const InputPart& part, LoadedPage page, SourceReport& report, MessageSink& sink);

// Loads the pages `order` names, one after another. With `ahead`, the next
// is parsed on a thread of its own while the caller works on the current
// one (libxml2 parses separate documents on separate threads safely).
class PageLoader {
 public:
  PageLoader(const std::vector<InputPart>& parts, std::vector<std::size_t> order, bool ahead);
  ~PageLoader();
  PageLoader(const PageLoader&) = delete;
  PageLoader& operator=(const PageLoader&) = delete;
  bool done() const { return next_ >= order_.size(); }
  // The next page in the order, and its index in `parts`.
  LoadedPage next(std::size_t* index);
  // A page's document the caller is done with: freed by the loading thread
  // (where it was allocated), before it parses the next page but one.
  void recycle(HtmlDoc doc);

 private:
  void start(std::size_t k);

  const std::vector<InputPart>& parts_;
  std::vector<std::size_t> order_;
  bool ahead_;
  std::size_t next_ = 0;
  std::future<LoadedPage> loading_;
  HtmlDoc done_with_{nullptr, xmlFreeDoc};
};

bool has_class(xmlNodePtr node, std::string_view wanted);
std::string attribute_of(xmlNodePtr node, const char* name);
// All text under a node, <br> as a line break, trimmed.
std::string text_under(xmlNodePtr node);
void append_text_under(xmlNodePtr node, std::string& out);
std::string trim(std::string_view s);
// The first child element (or, deep, descendant) having the class.
xmlNodePtr child_with_class(xmlNodePtr node, std::string_view cls);
xmlNodePtr descendant_with_class(xmlNodePtr node, std::string_view cls);
xmlNodePtr descendant_named(xmlNodePtr node, const char* tag);

}  // namespace candour
