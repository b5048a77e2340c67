#include "cli/check_command.h"

#include <fmt/core.h>
#include <simdjson.h>
#include <unistd.h>

#include "report/finding_json.h"
#include "util/ordered_pool.h"

namespace candour {

struct CheckFilter::Parser {
  simdjson::dom::parser parser;
};

CheckFilter::CheckFilter(const Scanner& scanner, bool plain_text)
    : session_(scanner), plain_text_(plain_text), parser_(std::make_unique<Parser>()) {}

CheckFilter::~CheckFilter() = default;

void CheckFilter::write_result(std::string_view id_json, std::string_view text, std::string& out) {
  session_.scan(text, 0, findings_, &cleared_);
  JsonWriter json(out);
  json.begin_object();
  json.key("id").raw(id_json);
  json.key("flagged").value(!findings_.empty());
  json.key("severity").value(message_severity(findings_));
  json.key("findings");
  write_findings(json, findings_);
  if (!cleared_.empty()) {  // what context cleared, with the reason, so nothing is hidden
    json.key("cleared");
    write_findings(json, cleared_);
  }
  json.end_object();
  out.push_back('\n');
}

void CheckFilter::process(std::string_view line, std::string& out) { process(line, ++line_number_, out); }

void CheckFilter::process(std::string_view line, uint64_t line_number, std::string& out) {
  line_number_ = line_number;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (plain_text_) {
    write_result(std::to_string(line_number_), line, out);
    return;
  }
  auto error_line = [&](std::string_view message) {
    JsonWriter json(out);
    json.begin_object().key("id").null().key("error").value(message).end_object();
    out.push_back('\n');
  };
  padded_.assign(line);
  padded_.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  simdjson::dom::element doc;
  if (auto error = parser_->parser.parse(padded_).get(doc)) {
    error_line(std::string("line ") + std::to_string(line_number_) +
               ": not valid JSON: " + simdjson::error_message(error));
    return;
  }
  std::string_view text;
  if (!doc.is_object() || doc["text"].get_string().get(text)) {
    error_line("line " + std::to_string(line_number_) + ": no string field \"text\"");
    return;
  }
  simdjson::dom::element id;
  std::string id_json = doc["id"].get(id) ? std::string("null") : simdjson::minify(id);
  write_result(id_json, text, out);
}

namespace {

// A line on its way through the worker pool, with its result line.
struct CheckItem {
  std::string line;
  uint64_t number = 0;
  std::string result;
};

}  // namespace

int run_check(const Scanner& scanner, bool plain_text, FILE* in, FILE* out, int threads) {
  const bool interactive = ::isatty(::fileno(out));
  std::string output;
  char* line = nullptr;
  std::size_t capacity = 0;
  ssize_t length;
  uint64_t number = 0;
  auto read_line = [&](std::string_view* view) {
    if ((length = ::getline(&line, &capacity, in)) < 0) return false;
    *view = std::string_view(line, static_cast<std::size_t>(length));
    if (!view->empty() && view->back() == '\n') view->remove_suffix(1);
    ++number;
    return true;
  };
  std::string_view view;
  if (threads <= 1 || interactive) {
    // One at a time; on a terminal each answer appears as soon as its line is read.
    CheckFilter filter(scanner, plain_text);
    while (read_line(&view)) {
      filter.process(view, number, output);
      if (interactive || output.size() > (1 << 16)) {
        std::fwrite(output.data(), 1, output.size(), out);
        if (interactive) std::fflush(out);
        output.clear();
      }
    }
  } else {
    std::vector<std::unique_ptr<CheckFilter>> filters;
    for (int i = 0; i < threads; ++i) filters.push_back(std::make_unique<CheckFilter>(scanner, plain_text));
    OrderedPool<CheckItem> pool(
        threads, 1024,
        [&](int worker, CheckItem& item) {
          item.result.clear();
          filters[static_cast<std::size_t>(worker)]->process(item.line, item.number, item.result);
        },
        [&](CheckItem& item) {
          output += item.result;
          if (output.size() > (1 << 16)) {
            std::fwrite(output.data(), 1, output.size(), out);
            output.clear();
          }
        });
    while (read_line(&view)) {
      CheckItem& item = pool.next_slot();
      item.line.assign(view);
      item.number = number;
      pool.commit();
    }
    pool.drain();
  }
  std::free(line);
  std::fwrite(output.data(), 1, output.size(), out);
  if (std::fflush(out) != 0 || std::ferror(out)) {
    fmt::print(stderr, "candour: cannot write the verdicts to standard output (closed, or the disk is full)\n");
    return 2;
  }
  return 0;
}

}  // namespace candour
