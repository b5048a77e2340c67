#include "cli/scan_command.h"

#include <fmt/core.h>
#include <fmt/ranges.h>

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <thread>
#include <unistd.h>

#include "candour/scanner.h"
#include "cli/progress_line.h"
#include "ingest/input_catalog.h"
#include "ingest/format_sniffer.h"
#include "ingest/readers.h"
#include "analyze/participants.h"
#include "analyze/reply_tracker.h"
#include "report/csv_writer.h"
#include "report/html_report.h"
#include "report/manifest.h"
#include "model/hate_model.h"
#include "report/message_record.h"
#include "report/summary.h"
#include "util/atomic_file.h"
#include "util/ordered_pool.h"
#include "util/sha256.h"
#include "util/string_map.h"

namespace candour {
namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_interrupted{false};

void on_signal(int) { g_interrupted = true; }

struct Interrupted {};
struct ScannerUnavailable {};  // the scanner or the model could not be made; the error is printed

// A message on its way through the worker pool, with its detection result.
// The message's views point into the item's own strings.
struct ScanItem {
  Message message;
  const SourceReport* from = nullptr;  // the source being read when it came
  std::string source, sha256, format, conversation;
  bool scannable = false;
  TagSet tags = 0;
  std::vector<Finding> findings, cleared;
  ScanSession::ReplySignals signals;
};

// Receives every entry of every source: detects, records, counts.
class ScanPipeline : public MessageSink {
 public:
  // `prepare` runs once, before the first message: it finishes the scanner
  // (still compiling, its model still loading) and returns nullptr if it cannot.
  ScanPipeline(std::function<const Scanner*()> prepare, ScanResult& result, HtmlReport& report,
               AtomicFile* jsonl_file, AtomicFile* csv_file, bool show_progress)
      : prepare_(std::move(prepare)),
        result_(result),
        report_(report),
        jsonl_file_(jsonl_file),
        csv_file_(csv_file),
        show_progress_(show_progress),
        replies_([this](FlaggedRecord& record) { emit(record); }) {}

  // After the last source: messages still with the workers are finished, and
  // flagged messages still waiting for replies are written.
  void finish() {
    ready();  // even with no message read: a model that failed to load is an error
    pool_->drain();
    replies_.flush();
  }

  // On a terminal, a line that keeps a long scan from looking stuck
  // (cli/progress_line.h); the share done is told by line in text exports,
  // by whole sources in the others.
  void set_total_bytes(uint64_t total) { total_bytes_ = total; }
  void progress(const Message& m) {
    ++messages_seen_;
    if (!show_progress_ || (++since_check_ & 0x3FFF) != 0) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_progress_ < std::chrono::milliseconds(500)) return;
    last_progress_ = now;
    ScanProgress p;
    p.messages = messages_seen_;
    p.flagged = flagged_so_far_.load(std::memory_order_relaxed);
    p.done_bytes = static_cast<double>(done_bytes_);
    if (source_ && source_->lines > 0 && m.line > 0) {
      p.done_bytes += static_cast<double>(source_->bytes) * static_cast<double>(m.line) / static_cast<double>(source_->lines);
    }
    p.total_bytes = total_bytes_;
    p.seconds = std::chrono::duration<double>(now - started_).count();
    std::fputs(progress_line(p).c_str(), stderr);
    progress_shown_ = true;
  }
  void end_progress() {
    if (progress_shown_) fmt::print(stderr, "\r\033[K");
    progress_shown_ = false;
    if (source_) done_bytes_ += source_->bytes;
  }

  Participants& participants() { return participants_; }

  // A ring of the last few entries; strings are reused, so no allocation per message.
  void remember(const Message& m) {
    ContextLine& slot = recent_[recent_next_];
    slot.time.assign(m.time);
    slot.sender.assign(m.sender.empty() ? m.conversation : std::string_view(m.sender));
    std::string_view text = std::string_view(m.text).substr(0, kContextTextLimit);
    if (m.kind == MessageKind::system) {
      slot.text.assign("(").append(text).append(")");
    } else {
      slot.text.assign(text);
    }
    recent_next_ = (recent_next_ + 1) % kContextLines;
    recent_count_ = std::min(recent_count_ + 1, kContextLines);
  }

  // The reader goes on to the next source while the workers finish the last
  // one's messages: a Messenger download of many chats was read and detected
  // in turns (1M messages in 100 chats, two threads: 1.15 -> 1.09 s, medians
  // of nine alternating runs). The delivery thread sees where a source begins.
  // A reader that gives a whole source at once (`bursts`) may leave twice
  // as many batches out, so that the other threads have work while it
  // parses the next chat (1.24 -> 1.13 s, medians of nine alternating runs
  // in a slow spell of the VM); one that gives messages as it goes keeps
  // them fewer, and in cache (WhatsApp 0.51 -> 0.53 s with more).
  void start_source(const SourceReport* source, bool bursts) {
    source_ = source;
    window_ = bursts ? 4 : 2;
    if (pool_) pool_->set_window(window_);
  }

  void on_message(const Message& exported) override {
    if (g_interrupted) throw Interrupted{};
    ready();
    progress(exported);
    // Detection runs on the workers; everything that depends on order runs in
    // process(). With one thread both run here, a batch at a time: detecting
    // 1,024 messages in a row keeps the matcher's tables in cache (a
    // one-thread 1M scan 1.10 -> 1.03 s, docs/performance.md).
    ScanItem& item = pool_->next_slot();
    item.message = exported;
    item.from = source_;
    item.source.assign(exported.source);
    item.sha256.assign(exported.sha256);
    item.format.assign(exported.format);
    item.conversation.assign(exported.conversation);
    item.message.source = item.source;
    item.message.sha256 = item.sha256;
    item.message.format = item.format;
    item.message.conversation = item.conversation;
    pool_->commit();
  }

  // The threads detection runs on, in batches (started by ready()), the
  // reader's own included: the reader, the delivery thread and threads - 2
  // more (util/ordered_pool.h); with 1, everything runs on the reader's.
  void use_threads(int threads) { threads_ = threads; }

  // Before the first message, and before the outputs are written: the scanner
  // is finished and the sessions and workers exist. Throws ScannerUnavailable
  // if the scanner cannot be finished.
  void ready() {
    if (session_) return;
    scanner_ = prepare_();
    if (!scanner_) throw ScannerUnavailable{};
    // The rate shown is the scan's, not counting the first pass over the input.
    started_ = last_progress_ = std::chrono::steady_clock::now();
    session_ = std::make_unique<ScanSession>(*scanner_);
    for (int i = 0; i < std::max(threads_, 1); ++i) worker_sessions_.push_back(std::make_unique<ScanSession>(*scanner_));
    pool_ = std::make_unique<OrderedPool<ScanItem>>(
        threads_, 1024,  // 1: no threads of its own
        [this](int worker, ScanItem& item) {
          item.scannable = item.message.kind != MessageKind::system && !item.message.text.empty();
          if (!item.scannable) return;
          ScanSession& session = *worker_sessions_[static_cast<std::size_t>(worker)];
          item.tags = session.scan(item.message.text, 0, item.findings, &item.cleared);
          item.signals = session.reply_signals();
        },
        [this](ScanItem& item) {
          if (item.from != delivering_) next_source(item.from);
          process(item.message, &item);
        });
    pool_->set_window(window_);
  }

  // The first message of a source: the last one's flagged messages still
  // waiting for replies are written, and nothing carries over (replies,
  // context, a sender's earlier tags).
  void next_source(const SourceReport* source) {
    replies_.flush();
    delivering_ = source;
    conversation_.clear();
    ++tags_generation_;
    recent_count_ = 0;
  }

  // The part of the scan that depends on order: identities, context, replies, output.
  // `scanned` holds a worker's detection result, computed without the
  // sender's earlier tags; when there are such tags the message is scanned again here.
  void process(const Message& exported, ScanItem* scanned) {
    // A source holding several chats (a Telegram account, a phone extraction):
    // replies and context never cross from one chat to the next.
    if (exported.conversation != conversation_) {
      conversation_.assign(exported.conversation);
      replies_.flush();
      recent_count_ = 0;
      ++tags_generation_;  // earlier tags are forgotten
    }
    // One identity per person: the alias file may merge and rename senders.
    const Message* message = &exported;
    SenderSlot& sender = sender_slot(exported.sender_key, exported.sender);
    if (sender.person) {
      const Person& person = *sender.person;
      if (person.key != exported.sender_key || person.name != exported.sender) {
        resolved_ = exported;
        resolved_.sender = person.name;
        resolved_.sender_key = person.key;
        message = &resolved_;
      }
    }
    const Message& m = *message;
    // Remembered on every way out, as context for a later flagged message.
    struct Remember {
      ScanPipeline* self;
      const Message& m;
      ~Remember() { self->remember(m); }
    } remember{this, m};
    bool scannable = m.kind != MessageKind::system && !m.text.empty();
    PersonSlot& person = *sender.slot;
    if (!m.sender_key.empty() && m.kind != MessageKind::system && !person.stats) {
      person.stats = &result_.stats.person(m.sender_key);
    }
    result_.stats.add_message(m, scannable, m.kind == MessageKind::system ? nullptr : person.stats);
    if (!scannable) {
      replies_.observe(m, {}, false);
      return;
    }
    if (person.generation != tags_generation_) person.earlier = 0, person.generation = tags_generation_;
    TagSet& earlier = person.earlier;
    ScanSession::ReplySignals signals;
    if (scanned && earlier == 0) {
      findings_.swap(scanned->findings);
      cleared_.swap(scanned->cleared);
      earlier = scanned->tags;
      signals = scanned->signals;
    } else {
      earlier = session_->scan(m.text, earlier, findings_, &cleared_);
      signals = session_->reply_signals();
    }
    const bool flagged = !findings_.empty();
    replies_.observe(m, signals, flagged);
    if (!flagged) {
      if (!cleared_.empty()) {
        ++result_.stats.cleared;
        report_.add_cleared(m, cleared_);
      }
      return;
    }
    flagged_so_far_.fetch_add(1, std::memory_order_relaxed);
    int severity = message_severity(findings_);
    result_.stats.add_flagged(m, findings_, severity);
    FlaggedRecord& record = replies_.add_flagged(m, findings_, cleared_, severity);
    for (std::size_t i = 0; i < recent_count_; ++i) {
      record.before.push_back(recent_[(recent_next_ + kContextLines - recent_count_ + i) % kContextLines]);
    }
    if (m.sender != exported.sender) record.sender_exported = exported.sender;
    participants_.named_in(m.text, m.sender_key, named_);
    for (const Person* person : named_) {
      record.targets.push_back(person->name);
      record.target_keys.push_back(person->key);
    }
  }

  // A flagged message whose reply window has closed.
  void emit(FlaggedRecord& record) {
    result_.stats.add_replies(record.message.sender_key, record.endorsed_by_keys, record.challenged_by_keys,
                              record.present_keys);
    result_.stats.add_targets(record.target_keys, record.targets);
    result_.stats.consider_episode(record);
    report_.add_flagged(record);
    line_.clear();
    JsonWriter json(line_);
    write_flagged_record(json, record, delivering_->time_zone, result_.policy->sha256);
    line_.push_back('\n');
    if (jsonl_file_) {
      jsonl_file_->write(line_);
    } else {
      std::fwrite(line_.data(), 1, line_.size(), stdout);
    }
    if (csv_file_) {
      line_.clear();
      append_csv_rows(line_, record, delivering_->time_zone);
      csv_file_->write(line_);
    }
  }

  void on_unparsed(const UnparsedLine& u) override {
    result_.unparsed.push_back({std::string(u.source), u.line,
                                std::string(u.text.substr(0, kUnparsedTextLimit)), std::string(u.reason)});
  }

 private:
  std::function<const Scanner*()> prepare_;
  const Scanner* scanner_ = nullptr;  // set by ready()
  std::unique_ptr<ScanSession> session_;  // made by ready()
  int threads_ = 1;
  std::size_t window_ = 2;  // batches a thread out (start_source)
  ScanResult& result_;
  HtmlReport& report_;
  AtomicFile* jsonl_file_;
  AtomicFile* csv_file_;
  const SourceReport* source_ = nullptr;      // the one being read (the reader's thread)
  const SourceReport* delivering_ = nullptr;  // the one being delivered (the delivery thread)
  // What process() needs of a message's sender, found with one lookup of
  // the sender's key (three hash lookups per message before): who they
  // are, and, per person (aliases merge keys), their statistics and the
  // tags of their previous message in this conversation.
  struct PersonSlot {
    PersonStats* stats = nullptr;  // made at their first message that counts
    TagSet earlier = 0;            // valid while generation == tags_generation_
    uint64_t generation = 0;
  };
  struct SenderSlot {
    const Person* person = nullptr;  // null for a message without a sender
    PersonSlot* slot = nullptr;
  };
  SenderSlot& sender_slot(std::string_view key, std::string_view display_name) {
    if (key.empty()) return no_sender_;
    auto found = senders_.find(key);
    if (found != senders_.end()) return found->second;
    SenderSlot added;
    added.person = &participants_.resolve(key, display_name);
    added.slot = &person_slots_[added.person->key];
    return senders_.emplace(std::string(key), added).first->second;
  }
  StringMap<SenderSlot> senders_;        // by sender key as exported
  StringMap<PersonSlot> person_slots_;   // by person key (after aliases)
  PersonSlot no_sender_slot_;
  SenderSlot no_sender_{nullptr, &no_sender_slot_};
  uint64_t tags_generation_ = 1;
  std::vector<Finding> findings_;
  std::vector<Finding> cleared_;
  std::string line_;
  bool show_progress_;
  bool progress_shown_ = false;
  uint64_t since_check_ = 0;
  uint64_t messages_seen_ = 0;
  uint64_t total_bytes_ = 0, done_bytes_ = 0;
  std::atomic<uint64_t> flagged_so_far_{0};  // written by the delivery thread
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_progress_ = started_;
  ReplyTracker replies_;
  Participants participants_;
  Message resolved_;
  std::array<ContextLine, kContextLines> recent_;
  std::size_t recent_next_ = 0, recent_count_ = 0;
  std::vector<const Person*> named_;
  std::string conversation_;
  std::vector<std::unique_ptr<ScanSession>> worker_sessions_;
  std::unique_ptr<OrderedPool<ScanItem>> pool_;  // last: stopped before the rest is destroyed
};

}  // namespace

int run_scan(const ScanOptions& options) {
  Manifest manifest;
  manifest.started = utc_now_iso();
  manifest.command_line = options.command_line;
  const int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // With more than one thread, sources are hashed and the large outputs hashed
  // and written on threads of their own (util/buffer_pipe.h); with one,
  // everything stays on it.
  const bool background_io = threads > 1;
  ReaderOptions reader_options;
  reader_options.hash_in_background = background_io;
  reader_options.parse_ahead = background_io;
  for (const auto& pair : options.map) {
    std::size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size()) {
      fmt::print(stderr, "candour: --map expects field=column (got '{}')\n", pair);
      return 1;
    }
    reader_options.column_map.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
  }
  if (!options.date_order.empty()) {
    DateOrder order;
    if (!parse_date_order(options.date_order, &order)) {
      fmt::print(stderr, "candour: --date-order must be dmy, mdy or ymd (got '{}')\n", options.date_order);
      return 1;
    }
    reader_options.whatsapp.date_order = order;
  }
  if (!options.time_zone.empty()) reader_options.whatsapp.time_zone = "stated:" + options.time_zone;
  if (!options.format.empty() && !is_known_format(options.format)) {
    fmt::print(stderr, "candour: unknown --format '{}' (known: {})\n", options.format,
               fmt::join(std::begin(kKnownFormats), std::end(kKnownFormats), ", "));
    return 1;
  }
  const bool jsonl_to_stdout = options.jsonl == "-";
  if (!options.jsonl.empty() && !jsonl_to_stdout) {
    fmt::print(stderr, "candour: --jsonl only accepts '-' (stdout); use --out DIR for files\n");
    return 1;
  }

  Policy policy;
  // The scanner goes on compiling and the model loading while the first input
  // is read (its first pass needs no detection); the pipeline finishes them
  // before the first message.
  PendingScanner pending_scanner;
  if (!start_policy_and_scanner(options.policy, policy, pending_scanner)) return 2;

  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (ec) {
    fmt::print(stderr, "candour: cannot create output folder {}: {}\n", options.out_dir, ec.message());
    return 2;
  }
  const std::string findings_path = (fs::path(options.out_dir) / "findings.jsonl").string();
  const std::string summary_path = (fs::path(options.out_dir) / "summary.json").string();
  const std::string csv_path = (fs::path(options.out_dir) / "findings.csv").string();
  const std::string report_path = (fs::path(options.out_dir) / "report.html").string();

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);

  ScanResult result;
  result.policy = &policy;
  InputCatalog catalog = catalog_inputs(options.inputs, options.format);
  result.failures = catalog.failures;
  result.skipped = catalog.skipped;
  for (const auto& f : catalog.failures) fmt::print(stderr, "candour: {}: {}\n", f.path, f.reason);

  std::string error;
  AtomicFile jsonl_file;
  if (!jsonl_to_stdout && !jsonl_file.open(findings_path, &error, background_io)) {
    fmt::print(stderr, "candour: {}\n", error);
    return 2;
  }
  AtomicFile csv_file;
  if (!csv_file.open(csv_path, &error, background_io)) {
    fmt::print(stderr, "candour: {}\n", error);
    return 2;
  }
  csv_file.write(csv_header(options.csv_bom));
  HtmlReport report;
  if (!report.ok()) {
    fmt::print(stderr, "candour: cannot create a temporary file for the report\n");
    return 2;
  }
  ScanPipeline pipeline(
      [&] { return pending_scanner.finish(); }, result, report,
      jsonl_to_stdout ? nullptr : &jsonl_file, &csv_file, !options.quiet && ::isatty(::fileno(stderr)));
  {
    uint64_t total = 0;
    std::map<std::string, std::map<std::string, int64_t>> zip_sizes;  // zip -> entry -> declared size
    for (const auto& input : catalog.sources) {
      for (const auto& part : input.parts) {
        std::error_code size_ec;
        if (part.zip_entry.empty()) {
          total += fs::file_size(part.path, size_ec);
          continue;
        }
        auto [it, added] = zip_sizes.try_emplace(part.path);
        if (added) {
          std::vector<ZipEntry> entries;
          std::string ignored;
          if (list_zip_entries(part.path, &entries, &ignored)) {
            for (const auto& e : entries) it->second[e.name] = e.size;
          }
        }
        auto entry = it->second.find(part.zip_entry);
        if (entry != it->second.end() && entry->second > 0) total += static_cast<uint64_t>(entry->second);
      }
    }
    pipeline.set_total_bytes(total);
  }
  pipeline.use_threads(threads);
  if (!options.aliases.empty() && !pipeline.participants().load_aliases(options.aliases, &error)) {
    fmt::print(stderr, "candour: {}\n", error);
    return 2;
  }
  bool any_source_failed = false;
  result.sources.reserve(catalog.sources.size());
  std::map<std::string, std::string> container_hashes;  // a zip holding many sources is hashed once
  try {
    for (const auto& input : catalog.sources) {
      SourceReport& source = result.sources.emplace_back();
      source.path = input.display;
      source.conversation = input.conversation_hint;
      if (!input.zip_entry.empty()) {
        source.container = input.path;
        auto known = container_hashes.find(input.path);
        if (known == container_hashes.end()) {
          std::string hex;
          if (!sha256_file(input.path, &hex, &error)) hex.clear();
          known = container_hashes.emplace(input.path, hex).first;
        }
        source.container_sha256 = known->second;
      }
      if (!options.quiet) fmt::print(stderr, "candour: reading {}\n", input.display);
      pipeline.start_source(&source, reads_whole_source(input.format));
      bool read_ok = read_source(input, reader_options, pipeline, source);
      pipeline.end_progress();
      if (!read_ok) {
        any_source_failed = true;
        fmt::print(stderr, "candour: {}: {}\n", input.display, source.error);
        result.failures.push_back({input.display, source.error});
        continue;
      }
      for (const auto& w : source.warnings) fmt::print(stderr, "candour: {}: warning: {}\n", input.display, w);
      if (!options.quiet) {
        fmt::print(stderr, "candour: {}: {} ({}), {} entries, {} unparsed {}\n", input.display, source.format,
                   source.conversation.empty() ? "conversation unnamed" : source.conversation, source.entries,
                   source.unparsed_lines + source.unparsed_records, source.records > 0 ? "record(s)" : "line(s)");
      }
    }
    pipeline.finish();
  } catch (const Interrupted&) {
    fmt::print(stderr, "candour: interrupted; no output was written\n");
    return 130;
  } catch (const ScannerUnavailable&) {
    fmt::print(stderr, "candour: no output was written\n");
    return 2;
  }

  // findings.jsonl and the CSV are flushed to disk (fsync) and the summary
  // written while the report is rendered: the end of a scan is serial time.
  std::string summary, summary_sha256, side_error;
  auto side = std::async(std::launch::async, [&] {
    summary = summary_json(result);
    if (jsonl_to_stdout && (std::fflush(stdout) != 0 || std::ferror(stdout))) {
      side_error = "cannot write the findings to standard output (closed, or the disk is full)";
      return false;
    }
    return (jsonl_to_stdout || jsonl_file.commit(&side_error)) && csv_file.commit(&side_error) &&
           write_file_atomically(summary_path, summary, &side_error, &summary_sha256);
  });
  AtomicFile report_file;
  bool report_written = report_file.open(report_path, &error, background_io);
  if (report_written) {
    if (report.render(result, [&](std::string_view piece) { report_file.write(piece); })) {
      report_written = report_file.commit(&error);
    } else {
      report_file.abandon();
      error = "cannot write " + report_path + ": its temporary files could not be written or read back (disk full?)";
      report_written = false;
    }
  }
  if (!side.get()) {
    fmt::print(stderr, "candour: {}\n", side_error);
    return 2;
  }
  if (!report_written) {
    fmt::print(stderr, "candour: {}\n", error);
    return 2;
  }
  // The manifest: hashes of every input file and output, so the run can be checked and repeated.
  {
    // Inputs were hashed as they were read: each file of each source, each zip once.
    std::map<std::string, std::string> read_hashes;  // display path -> sha256
    for (const auto& source : result.sources) {
      for (const auto& f : source.files) read_hashes.emplace(f.path, f.sha256);
    }
    std::vector<std::string> input_files;
    for (const auto& s : catalog.sources) {
      for (const auto* list : {&s.parts, &s.companions}) {
        for (const auto& part : *list) {
          if (std::find(input_files.begin(), input_files.end(), part.path) != input_files.end()) continue;
          input_files.push_back(part.path);
          ManifestFile file;
          auto known = part.zip_entry.empty() ? read_hashes.find(part.display) : read_hashes.end();
          auto container = container_hashes.find(part.path);
          std::error_code size_ec;
          if (known != read_hashes.end() || (container != container_hashes.end() && !container->second.empty())) {
            file.path = part.path;
            file.bytes = fs::file_size(part.path, size_ec);
            file.sha256 = known != read_hashes.end() ? known->second : container->second;
            manifest.inputs.push_back(file);
          } else if (describe_file(part.path, &file)) {
            manifest.inputs.push_back(file);
          }
        }
      }
    }
    // Outputs were hashed as they were written.
    if (!jsonl_to_stdout) manifest.outputs.push_back({findings_path, jsonl_file.bytes(), jsonl_file.sha256()});
    manifest.outputs.push_back({csv_path, csv_file.bytes(), csv_file.sha256()});
    manifest.outputs.push_back({summary_path, summary.size(), summary_sha256});
    manifest.outputs.push_back({report_path, report_file.bytes(), report_file.sha256()});
    manifest.model_sha256 = pending_scanner.model_sha256();  // hashed as it was loaded
    manifest.finished = utc_now_iso();
    if (!write_file_atomically((fs::path(options.out_dir) / "manifest.json").string(), manifest_json(manifest, result),
                               &error)) {
      fmt::print(stderr, "candour: {}\n", error);
      return 2;
    }
  }
  if (!options.quiet) {
    fmt::print(stderr, "candour: {} messages screened, {} flagged\n", result.stats.scanned, result.stats.flagged);
    fmt::print(stderr, "candour: report: {}\n", fs::absolute(report_path).string());
  }
  return (any_source_failed || !catalog.failures.empty()) ? 2 : 0;
}

}  // namespace candour
