// Generic CSV (or TSV) and JSON Lines, for everything else: a forensic
// tool's chat export to CSV, a moderation queue dump. Columns are found by
// their usual names or given with --map text=Body,sender=From,...
// docs/formats/csv-jsonl.md.
#include <algorithm>
#include <map>

#include <fmt/ranges.h>

#include "ingest/json_stream.h"
#include "ingest/json_tree.h"
#include "ingest/line_reader.h"
#include "ingest/reader_support.h"
#include "ingest/readers.h"
#include "ingest/timestamps.h"

namespace candour {

namespace {

constexpr const char* kFields[] = {"text", "sender", "time", "conversation", "id", "reply_to"};

// Column names tried, in order, when --map does not name one.
const std::map<std::string, std::vector<std::string>>& usual_names() {
  static const std::map<std::string, std::vector<std::string>> kNames = {
      {"text", {"text", "body", "message", "content", "message text", "message body"}},
      {"sender", {"sender", "from", "author", "sender name", "user", "username", "name"}},
      {"time", {"time", "timestamp", "date", "datetime", "date/time", "sent", "created_at", "timestamp: date"}},
      {"conversation", {"conversation", "chat", "thread", "channel", "group", "chat name"}},
      {"id", {"id", "message id", "message_id"}},
      {"reply_to", {"reply_to", "in reply to", "reply to"}}};
  return kNames;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

class ViewSource : public ByteSource {
 public:
  void set(std::string_view bytes) { bytes_ = bytes; }
  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t n = std::min(size, bytes_.size());
    std::copy_n(bytes_.data(), n, buffer);
    bytes_.remove_prefix(n);
    return n;
  }

 private:
  std::string_view bytes_;
};

// Splits CSV records, quotes and line breaks inside quotes included.
class CsvRecords {
 public:
  CsvRecords(ByteSource& source, char delimiter) : source_(source), delimiter_(delimiter) { buffer_.resize(1 << 16); }

  // False at the end. `start_line` is the record's first line.
  bool next(std::vector<std::string>& fields, uint64_t* start_line, bool* unterminated) {
    fields.clear();
    *unterminated = false;
    int c = get();
    if (c < 0) return false;
    if (at_start_) {
      at_start_ = false;
      if (c == 0xEF && get() == 0xBB && get() == 0xBF) c = get();  // byte order mark
      if (c < 0) return false;
    }
    *start_line = line_;
    fields.emplace_back();
    bool quoted = false;
    for (;; c = get()) {
      if (c < 0) {
        *unterminated = quoted;
        return true;
      }
      if (quoted) {
        if (c == '"') {
          if (peek() == '"') {
            get();
            fields.back().push_back('"');
          } else {
            quoted = false;
          }
        } else {
          fields.back().push_back(static_cast<char>(c));
        }
      } else if (c == '"' && fields.back().empty()) {
        quoted = true;
      } else if (c == delimiter_) {
        fields.emplace_back();
      } else if (c == '\n') {
        return true;
      } else if (c == '\r' && peek() == '\n') {
        // CRLF
      } else {
        fields.back().push_back(static_cast<char>(c));
      }
    }
  }
  uint64_t line() const { return line_; }

 private:
  int peek() {
    if (pos_ == end_) {
      end_ = source_.read(buffer_.data(), buffer_.size());
      pos_ = 0;
      if (end_ == 0) return -1;
    }
    return static_cast<unsigned char>(buffer_[pos_]);
  }
  int get() {
    int c = peek();
    if (c >= 0) {
      ++pos_;
      if (c == '\n') ++line_;
    }
    return c;
  }
  ByteSource& source_;
  char delimiter_;
  std::string buffer_;
  std::size_t pos_ = 0, end_ = 0;
  uint64_t line_ = 1;
  bool at_start_ = true;
};

class DelimitedReader {
 public:
  DelimitedReader(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report)
      : input_(input), options_(options), sink_(sink), report_(report) {}

  bool read() {
    if (!hash_into_report(input_.parts.front(), report_)) return false;
    report_.format = input_.format;
    report_.time_zone = options_.whatsapp.time_zone.rfind("stated:", 0) == 0 ? options_.whatsapp.time_zone
                                                                               : "unknown (as exported)";
    for (const auto& [field, column] : options_.column_map) {
      if (std::find(std::begin(kFields), std::end(kFields), field) == std::end(kFields)) {
        report_.error = "--map: unknown field '" + field + "' (known: text, sender, time, conversation, id, reply_to)";
        return false;
      }
    }
    return input_.format == "jsonl" ? read_jsonl() : read_csv();
  }

 private:
  // The column for each field, from --map or the usual names. -1 if none.
  bool choose_columns(const std::vector<std::string>& header) {
    std::vector<std::string> names;
    for (const auto& h : header) names.push_back(lower(h));
    for (std::size_t f = 0; f < std::size(kFields); ++f) {
      columns_[f] = -1;
      std::string wanted;
      for (const auto& [field, column] : options_.column_map) {
        if (field == kFields[f]) wanted = lower(column);
      }
      if (!wanted.empty()) {
        auto it = std::find(names.begin(), names.end(), wanted);
        if (it == names.end()) {
          report_.error = fmt::format("--map {}={}: no such column (columns: {})", kFields[f], wanted, fmt::join(header, ", "));
          return false;
        }
        columns_[f] = static_cast<int>(it - names.begin());
        continue;
      }
      for (const auto& usual : usual_names().at(kFields[f])) {
        auto it = std::find(names.begin(), names.end(), usual);
        if (it != names.end()) {
          columns_[f] = static_cast<int>(it - names.begin());
          break;
        }
      }
    }
    if (columns_[0] < 0) {
      report_.error = fmt::format("no text column found (columns: {}); name it with --map text=COLUMN", fmt::join(header, ", "));
      return false;
    }
    return true;
  }

  void set_time(std::string_view raw) {
    int64_t seconds = 0;
    if (raw.empty()) return;
    if (parse_iso8601(raw, &m_.time, &m_.time_utc)) return;
    if (parse_unix_time(raw, raw.size() >= 13, &seconds)) {
      m_.time = iso_from_unix(seconds);
      m_.time_utc = m_.time + "Z";
      return;
    }
    m_.time.clear();
    m_.time_raw.assign(raw);
  }

  void emit(std::string_view location, uint64_t line, const std::string_view* values) {
    conversation_.assign(values[3].empty() ? std::string_view(input_.conversation_hint) : values[3]);
    set_provenance(m_, report_.files.front(), report_.format, conversation_);
    m_.line = line;
    m_.line_count = 0;
    m_.location.assign(location);
    m_.text.assign(values[0]);
    m_.sender.assign(values[1]);
    m_.sender_key = m_.sender.empty() ? std::string() : sender_key_for(m_.sender);
    set_time(values[2]);
    m_.id.assign(values[4]);
    m_.reply_to.assign(values[5]);
    emit_entry(m_, report_, sink_);
  }

  bool read_csv() {
    auto source = input_.parts.front().open();
    std::string name = part_file_name(input_.parts.front());
    char delimiter = name.size() > 4 && lower(name.substr(name.size() - 4)) == ".tsv" ? '\t' : ',';
    CsvRecords records(*source, delimiter);
    std::vector<std::string> fields;
    uint64_t line = 0;
    bool unterminated = false;
    if (!records.next(fields, &line, &unterminated)) {
      report_.error = source->error().empty() ? "the file is empty" : source->error();
      return false;
    }
    if (delimiter == ',' && fields.size() == 1 && fields[0].find(';') != std::string::npos) {
      report_.error = "the header has no commas but has semicolons: a semicolon-separated file is not read yet";
      return false;
    }
    std::vector<std::string> header = fields;
    if (!choose_columns(header)) return false;
    uint64_t row = 0;
    std::string_view values[std::size(kFields)];
    while (records.next(fields, &line, &unterminated)) {
      ++row;
      if (fields.size() == 1 && fields[0].empty()) {
        ++report_.records;
        emit_unparsed_record(report_, sink_, line, "", "blank line");
        continue;
      }
      ++report_.records;
      if (unterminated) {
        emit_unparsed_record(report_, sink_, line, fields.back().substr(0, 200), "a quoted field is not closed before the end of the file");
        report_.warnings.push_back(fmt::format("line {}: a quoted field is not closed before the end of the file", line));
        continue;
      }
      if (fields.size() != header.size()) {
        report_.warnings.push_back(fmt::format("line {}: {} fields where the header has {}", line, fields.size(), header.size()));
      }
      for (std::size_t f = 0; f < std::size(kFields); ++f) {
        int col = columns_[f];
        values[f] = col >= 0 && static_cast<std::size_t>(col) < fields.size() ? std::string_view(fields[col]) : std::string_view();
      }
      clear_message(m_);
      emit(fmt::format("row {}", row), line, values);
    }
    if (!source->error().empty()) {
      report_.error = source->error();
      return false;
    }
    return true;
  }

  bool read_jsonl() {
    auto source = input_.parts.front().open();
    LineReader lines(*source, nullptr);
    ViewSource view;
    JsonStream json(view);
    JsonTree tree;
    std::string_view line;
    std::string_view values[std::size(kFields)];
    bool columns_chosen = false;
    while (lines.next(&line)) {
      const uint64_t number = lines.line_number();
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
        continue;  // blank lines hold no record (counted in lines, not records)
      }
      ++report_.records;
      view.set(line);
      json.reset(view);
      JsonStream::Token first = json.next();
      if (first != JsonStream::Token::begin_object || !tree.read(json, first) || !json.at_end_of_input()) {
        std::string why = !json.error().empty() ? json.error() : !tree.error().empty() ? tree.error() : "not a JSON object";
        emit_unparsed_record(report_, sink_, number, line.substr(0, 200), why);
        continue;
      }
      if (!columns_chosen) {
        std::vector<std::string> keys;
        for (auto k = tree.first_child(tree.root()); k != JsonTree::kNone; k = tree.next_sibling(k)) keys.emplace_back(tree.key(k));
        if (!choose_columns(keys)) return false;
        columns_chosen = true;
        keys_.clear();
        for (int c : columns_) keys_.push_back(c >= 0 ? keys[c] : std::string());
      }
      for (std::size_t f = 0; f < std::size(kFields); ++f) {
        values[f] = keys_[f].empty() ? std::string_view() : tree.text(tree.get(tree.root(), keys_[f]));
      }
      clear_message(m_);
      if (tree.get(tree.root(), keys_[0]) == JsonTree::kNone) {
        emit_unparsed_record(report_, sink_, number, line.substr(0, 200), "no \"" + keys_[0] + "\" field");
        continue;
      }
      emit(fmt::format("line {}", number), number, values);
    }
    if (!source->error().empty()) {
      report_.error = source->error();
      return false;
    }
    if (report_.records == 0) {
      report_.error = "no JSON records in the file";
      return false;
    }
    return true;
  }

  const InputSource& input_;
  const ReaderOptions& options_;
  MessageSink& sink_;
  SourceReport& report_;
  int columns_[std::size(kFields)] = {};
  std::vector<std::string> keys_;
  std::string conversation_;
  Message m_;
};

}  // namespace

bool read_delimited(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report) {
  return DelimitedReader(input, options, sink, report).read();
}

}  // namespace candour
