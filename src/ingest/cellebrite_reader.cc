// Cellebrite UFDR / report.xml (namespace http://pa.cellebrite.com/report/2.0),
// read with libxml2's streaming reader: extractions are gigabytes, so the
// document is never built in memory. Chats are decodedData > modelType
// "Chat" > model "Chat" > multiModelField "Messages" > model
// "InstantMessage". Deleted and carved messages are kept with their
// deleted_state and decoding_confidence. docs/formats/cellebrite.md.
#include <fmt/core.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "ingest/reader_support.h"
#include "ingest/readers.h"
#include "ingest/timestamps.h"

namespace candour {

namespace {

// Feeds libxml2 small pieces from a large buffer. Small pieces keep the
// parser close behind the reader, so at a break (a truncated extraction)
// the messages already complete are delivered before the error is.
struct Feeder {
  ByteSource* source;
  std::string buffer = std::string(256 * 1024, '\0');
  std::size_t pos = 0, end = 0;
};

int read_callback(void* context, char* out, int size) {
  auto* f = static_cast<Feeder*>(context);
  if (f->pos == f->end) {
    f->pos = 0;
    f->end = f->source->read(f->buffer.data(), f->buffer.size());
    if (f->end == 0) return f->source->error().empty() ? 0 : -1;
  }
  std::size_t n = std::min({static_cast<std::size_t>(size), f->end - f->pos, std::size_t{512}});
  std::copy_n(f->buffer.data() + f->pos, n, out);
  f->pos += n;
  return static_cast<int>(n);
}

int close_callback(void*) { return 0; }

std::string attribute(xmlTextReaderPtr reader, const char* name) {
  xmlChar* value = xmlTextReaderGetAttribute(reader, reinterpret_cast<const xmlChar*>(name));
  if (!value) return {};
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

bool is_message_model(std::string_view type) { return type == "InstantMessage" || type == "SMS" || type == "Message"; }

// What we know about an open <model> element.
struct Frame {
  std::string type;
  std::string role;  // the enclosing (multi)modelField's name: "From", "To", "Attachments", "Messages"
  int depth = 0;
  // Party fields.
  std::string name, identifier;
  bool owner = false;
};

class CellebriteReader {
 public:
  CellebriteReader(const InputSource& input, MessageSink& sink, SourceReport& report)
      : input_(input), sink_(sink), report_(report) {}

  bool read() {
    if (!hash_into_report(input_.parts.front(), report_)) return false;
    report_.format = "cellebrite";
    report_.time_zone = "as recorded by the extraction (time_utc is exact where an offset is given)";
    source_ = input_.parts.front().open();
    Feeder feeder{source_.get()};
    std::unique_ptr<xmlTextReader, void (*)(xmlTextReaderPtr)> reader(
        xmlReaderForIO(read_callback, close_callback, &feeder, nullptr, nullptr, XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_RECOVER),
        xmlFreeTextReader);
    if (!reader) {
      report_.error = "cannot start the XML reader";
      return false;
    }
    xmlTextReaderSetErrorHandler(reader.get(), &CellebriteReader::on_error, this);
    int status;
    while ((status = xmlTextReaderRead(reader.get())) == 1) visit(reader.get());
    if (status < 0 || !error_.empty()) {
      const int line = xmlTextReaderGetParserLineNumber(reader.get());
      std::string error = fmt::format("{} (line {})", error_.empty() ? "malformed XML" : error_, line);
      if (!source_->error().empty()) error = source_->error();
      if (report_.records == 0 && !saw_project_) {
        report_.error = "not a readable Cellebrite report: " + error;
        return false;
      }
      report_.warnings.push_back(input_.parts.front().display + ": " + error +
                                 "; the messages before it were read, the rest of the file was not");
      ++report_.records;
      emit_unparsed_record(report_, sink_, static_cast<uint64_t>(line),
                           "(rest of file)", "malformed XML");
    }
    if (chats_ > 1) report_.conversation = fmt::format("{} chats", chats_);
    if (chats_ == 1) report_.conversation = conversation_;
    report_.account_owner = owner_;
    return true;
  }

 private:
  static void on_error(void* self, const char* message, xmlParserSeverities severity, xmlTextReaderLocatorPtr locator) {
    auto* reader = static_cast<CellebriteReader*>(self);
    if (severity == XML_PARSER_SEVERITY_ERROR && reader->error_.empty()) {
      std::string text = message ? message : "XML error";
      while (!text.empty() && text.back() == '\n') text.pop_back();
      (void)locator;  // its line is where the reader is, not where the parser found the fault
      reader->error_ = text;
    }
  }

  void visit(xmlTextReaderPtr reader) {
    const int type = xmlTextReaderNodeType(reader);
    const int depth = xmlTextReaderDepth(reader);
    const char* local = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader));
    std::string_view name = local ? local : "";
    if (type == XML_READER_TYPE_ELEMENT) {
      const bool empty = xmlTextReaderIsEmptyElement(reader);
      if (name == "project") saw_project_ = true;
      if (name == "model") {
        Frame f;
        f.type = attribute(reader, "type");
        f.role = field_stack_.empty() ? std::string() : field_stack_.back();
        f.depth = depth;
        if (f.type == "Chat") start_chat();
        if (is_message_model(f.type)) start_message(reader);
        frames_.push_back(std::move(f));
        if (empty) end_model();
      } else if (name == "modelField" || name == "multiModelField") {
        if (!empty) field_stack_.push_back(attribute(reader, "name"));
      } else if (name == "field") {
        field_ = attribute(reader, "name");
      } else if (name == "value" || name == "item") {
        in_value_ = !empty;
        value_.clear();
        if (name == "item") field_ = attribute(reader, "name");
      }
    } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
               type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
      if (in_value_) {
        const char* v = reinterpret_cast<const char*>(xmlTextReaderConstValue(reader));
        if (v) value_ += v;
      }
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      if (name == "model") {
        end_model();
      } else if (name == "modelField" || name == "multiModelField") {
        if (!field_stack_.empty()) field_stack_.pop_back();
      } else if (name == "value") {
        in_value_ = false;
        set_field(field_, value_);
      } else if (name == "item") {
        in_value_ = false;
        if (field_.find("Owner") != std::string::npos && owner_.empty() && !value_.empty()) owner_ = value_;
      } else if (name == "field") {
        field_.clear();
      }
    }
  }

  void start_chat() {
    ++chats_;
    chat_name_.clear();
    chat_source_.clear();
  }

  void start_message(xmlTextReaderPtr reader) {
    clear_message(m_);
    in_message_ = true;
    // The element's own line (the parser itself may already be further on).
    xmlNodePtr node = xmlTextReaderCurrentNode(reader);
    const long line = node ? xmlGetLineNo(node) : -1;
    m_.line = line > 0 ? static_cast<uint64_t>(line) : static_cast<uint64_t>(xmlTextReaderGetParserLineNumber(reader));
    m_.id = attribute(reader, "id");
    m_.deleted_state = attribute(reader, "deleted_state");
    m_.decoding_confidence = attribute(reader, "decoding_confidence");
  }

  void set_field(const std::string& field, const std::string& value) {
    if (frames_.empty()) return;
    Frame& f = frames_.back();
    if (f.type == "Party") {
      if (field == "Name") f.name = value;
      else if (field == "Identifier") f.identifier = value;
      else if (field == "IsPhoneOwner") f.owner = value == "True" || value == "true";
    } else if (f.type == "Chat") {
      if (field == "Name") chat_name_ = value;
      else if (field == "Source") chat_source_ = value;
    } else if (is_message_model(f.type) && in_message_) {
      if (field == "Body") m_.text = value;
      else if (field == "TimeStamp") {
        if (!parse_iso8601(value, &m_.time, &m_.time_utc)) m_.time.clear();
      } else if (field == "SourceApplication" && chat_source_.empty()) chat_source_ = value;
    } else if ((f.type == "Attachment" || f.role == "Attachments") && in_message_) {
      if (field == "Filename" || field == "Name") m_.attachments.push_back(value);
    }
  }

  void end_model() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    if (f.type == "Party" && f.role == "From" && in_message_) {
      // "447700900123@s.whatsapp.net" -> "+447700900123"; other identifiers as they are.
      std::string id = f.identifier.substr(0, f.identifier.find('@'));
      const bool phone = !id.empty() && id.find_first_not_of("+0123456789") == std::string::npos;
      if (phone && id.front() != '+') id.insert(0, "+");
      m_.sender = !f.name.empty() ? f.name : phone ? id : f.identifier;
      m_.sender_key = sender_key_for(phone ? id : m_.sender);
      if (f.owner && owner_.empty()) owner_ = m_.sender;
    } else if (is_message_model(f.type) && in_message_) {
      in_message_ = false;
      ++report_.records;
      conversation_ = !chat_name_.empty() ? chat_name_ : chat_source_;
      set_provenance(m_, report_.files.front(), report_.format, conversation_);
      m_.location = fmt::format("model id {} (line {})", m_.id, m_.line);
      m_.line = 0;
      if (m_.deleted_state == "Deleted" || m_.deleted_state == "Trash") {
        if (m_.text.empty()) m_.kind = MessageKind::deleted;
      }
      if (m_.kind == MessageKind::text && m_.text.empty() && !m_.attachments.empty()) m_.kind = MessageKind::attachment;
      emit_entry(m_, report_, sink_);
    }
  }

  const InputSource& input_;
  MessageSink& sink_;
  SourceReport& report_;
  std::unique_ptr<ByteSource> source_;
  std::vector<Frame> frames_;
  std::vector<std::string> field_stack_;
  std::string field_, value_, chat_name_, chat_source_, conversation_, owner_, error_;
  bool in_value_ = false, in_message_ = false, saw_project_ = false;
  int chats_ = 0;
  Message m_;
};

}  // namespace

bool read_cellebrite(const InputSource& input, const ReaderOptions&, MessageSink& sink, SourceReport& report) {
  return CellebriteReader(input, sink, report).read();
}

}  // namespace candour
