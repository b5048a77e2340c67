#include "report/manifest.h"

#include <ctime>
#include <filesystem>

#include "report/json_writer.h"
#include "util/sha256.h"

namespace candour {

bool describe_file(const std::string& path, ManifestFile* file) {
  std::error_code ec;
  file->path = path;
  file->bytes = std::filesystem::file_size(path, ec);
  std::string error;
  return !ec && sha256_file(path, &file->sha256, &error);
}

std::string utc_now_iso() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string manifest_json(const Manifest& m, const ScanResult& r) {
  std::string out;
  JsonWriter json(out);
  auto files = [&](const char* key, const std::vector<ManifestFile>& list) {
    json.key(key).begin_array();
    for (const auto& f : list) {
      json.begin_object().key("path").value(f.path).key("bytes").value(f.bytes).key("sha256").value(f.sha256).end_object();
    }
    json.end_array();
  };
  json.begin_object();
  json.key("candour_version").value(CANDOUR_VERSION);
  json.key("command_line").strings(m.command_line);
  json.key("started").value(m.started).key("finished").value(m.finished);
  json.key("policy").begin_object();
  json.key("name").value(r.policy->name).key("version").value(r.policy->version);
  json.key("sha256").value(r.policy->sha256).key("standards").value(r.policy->active_mapping);
  json.key("files").strings(r.policy->files);
  json.end_object();
  json.key("model_sha256").string_or_null(m.model_sha256);
  files("inputs", m.inputs);
  json.key("sources").begin_array();
  for (const auto& s : r.sources) {
    json.begin_object().key("path").value(s.path).key("sha256").string_or_null(s.sha256);
    json.key("container").string_or_null(s.container).key("container_sha256").string_or_null(s.container_sha256);
    json.key("bytes").value(s.bytes).end_object();
  }
  json.end_array();
  files("outputs", m.outputs);
  json.key("note").value(
      "Outputs other than this manifest are byte-identical when the same inputs are scanned with the same "
      "candour version, policy, model and options.");
  json.end_object();
  out.push_back('\n');
  return out;
}

}  // namespace candour
