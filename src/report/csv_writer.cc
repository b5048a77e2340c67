#include "report/csv_writer.h"

#include <fmt/format.h>

#include <algorithm>

namespace candour {

void append_csv_field(std::string& out, std::string_view field) {
  // Spreadsheets run cells that start with = + - @ as formulas: a leading
  // apostrophe keeps hostile message text inert (OWASP CSV injection).
  bool formula = !field.empty() && std::string_view("=+-@\t\r").find(field[0]) != std::string_view::npos;
  // A plain loop: string_view::find_first_of calls memchr once per byte.
  bool quote = formula || std::any_of(field.begin(), field.end(),
                                      [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
  if (!quote) {
    out.append(field);
    return;
  }
  out.push_back('"');
  if (formula) out.push_back('\'');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string csv_header(bool with_bom) {
  std::string out = with_bom ? "\xEF\xBB\xBF" : "";
  out += "source,index,line,time,time_zone,sender,message_severity,category,target,severity,confidence,start,end,"
         "evidence,rule,detector,standards,note,endorsed_by,challenged_by,targets,text,location,time_utc,deleted_state\r\n";
  return out;
}

namespace {

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& item : list) out += (out.empty() ? "" : "; ") + item;
  return out;
}

}  // namespace

void append_csv_rows(std::string& out, const FlaggedRecord& r, std::string_view time_zone) {
  const Message& m = r.message;
  for (const auto& f : r.findings) {
    std::string standards;
    for (const auto& s : f.standards) standards += (standards.empty() ? "" : "; ") + s;
    append_csv_field(out, m.source);
    fmt::format_to(std::back_inserter(out), ",{},{},", m.index, m.line);
    append_csv_field(out, m.time);
    out.push_back(',');
    append_csv_field(out, time_zone);
    out.push_back(',');
    append_csv_field(out, m.sender);
    fmt::format_to(std::back_inserter(out), ",{},{},{},{},{},{},{},", r.severity, to_string(f.category),
                   to_string(f.target), f.severity, f.confidence, f.start, f.end);
    append_csv_field(out, f.evidence);
    out.push_back(',');
    append_csv_field(out, f.rule);
    out.push_back(',');
    append_csv_field(out, f.source);
    out.push_back(',');
    append_csv_field(out, standards);
    out.push_back(',');
    append_csv_field(out, f.note);
    out.push_back(',');
    append_csv_field(out, joined(r.endorsed_by));
    out.push_back(',');
    append_csv_field(out, joined(r.challenged_by));
    out.push_back(',');
    append_csv_field(out, joined(r.targets));
    out.push_back(',');
    append_csv_field(out, m.text);
    for (const std::string* extra : {&m.location, &m.time_utc, &m.deleted_state}) {  // structured formats
      out.push_back(',');
      append_csv_field(out, *extra);
    }
    out += "\r\n";
  }
}

}  // namespace candour
