// Small helpers over libxml2's HTML tree, for the HTML export readers
// (Telegram, Messenger). Pages are parsed whole: these exports are split
// into pages of about a thousand messages.
#pragma once

#include <libxml/HTMLparser.h>

#include <memory>
#include <string>
#include <string_view>

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
