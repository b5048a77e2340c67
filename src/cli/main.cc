// The `candour` command: parses the command line and hands over to a command.
#include <CLI/CLI.hpp>
#include <malloc.h>

#include <thread>
#include <fmt/core.h>

#include "cli/check_command.h"
#include "cli/policy_command.h"
#include "cli/redact_command.h"
#include "cli/scan_command.h"
#include "eval/evaluator.h"
#include "model/hate_model.h"
#include "model/trainer.h"
#include "util/atomic_file.h"

using namespace candour;

int main(int argc, char** argv) {
  // No fast bins: freeing a parsed HTML page (a million small tree nodes)
  // filled them, and glibc then merged them all at the next large request
  // (malloc_consolidate and unlink_chunk, a quarter of an HTML scan).
  // docs/performance.md.
  mallopt(M_MXFAST, 0);
  CLI::App app{"candour — screens chat exports for discriminatory, abusive, violent, sexual and "
               "intimidating messages, offline.\nIt flags and explains; a person decides.",
               "candour"};
  app.set_version_flag("--version", std::string("candour ") + CANDOUR_VERSION);
  app.require_subcommand(1);
  app.footer("Exit status: 0 success (flags or not), 1 usage error, 2 an input or the policy could not be "
             "read.\nRun 'candour help COMMAND' or 'candour COMMAND --help' for a command's options.");

  ScanOptions scan;
  CLI::App* scan_cmd = app.add_subcommand("scan", "Screen chat exports (files, .zip files, folders) and write "
                                                  "findings.jsonl, findings.csv, summary.json and report.html");
  scan_cmd->add_option("INPUT", scan.inputs, "Export files, .zip files or folders")->required();
  scan_cmd->add_option("-o,--out", scan.out_dir, "Output folder")->capture_default_str();
  scan_cmd->add_option("--jsonl", scan.jsonl, "'-' streams flagged records to stdout instead of findings.jsonl");
  scan_cmd->add_option("--format", scan.format,
                       "Force the input format instead of detecting it: whatsapp, messenger, messenger-e2ee, "
                       "telegram, slack, discord, teams, cellebrite, csv, jsonl");
  scan_cmd->add_option("--map", scan.map,
                       "CSV / JSON Lines columns, e.g. --map text=Body,sender=From,time=Date "
                       "(fields: text, sender, time, conversation, id, reply_to)")
      ->delimiter(',');
  scan_cmd->add_option("--date-order", scan.date_order,
                       "Day/month order of WhatsApp dates: dmy, mdy or ymd (default: inferred from the file)");
  scan_cmd->add_option("--tz", scan.time_zone,
                       "Time zone of the exported times, e.g. Europe/London (recorded; WhatsApp default assumed Europe/London)");
  scan_cmd->add_option("--aliases", scan.aliases,
                       "TOML file naming people and merging their display names and numbers (docs/aliases.md)");
  scan_cmd->add_flag("--csv-bom", scan.csv_bom, "Start findings.csv with a byte-order mark (for Excel)");
  scan_cmd->add_option("-j,--threads", scan.threads,
                       "Threads (default: all cores): the reader, the writer and any more all detect; the output is the same whatever the number")
      ->check(CLI::Range(0, 256));
  scan_cmd->add_flag("-q,--quiet", scan.quiet, "Print nothing but errors and warnings");
  add_policy_options(*scan_cmd, scan.policy);

  RedactOptions redact;
  CLI::App* redact_cmd = app.add_subcommand(
      "redact", "Write a copy fit for publication: offensive words masked, people pseudonymised, numbers and "
                "e-mail addresses removed; the key goes to a separate file");
  redact_cmd->add_option("INPUT", redact.inputs, "Export files, .zip files or folders")->required();
  redact_cmd->add_option("-o,--out", redact.out_dir, "Output folder (redacted.txt)")->capture_default_str();
  redact_cmd->add_option("--key", redact.key_path, "Where to write the pseudonym key (default: <out>.key.json, "
                                                   "beside the folder)");
  redact_cmd->add_option("--label", redact.label, "Pseudonym prefix")->capture_default_str();
  redact_cmd->add_option("--names", redact.names, "Alias-format TOML file choosing pseudonyms: name = the pseudonym");
  redact_cmd->add_flag("--flagged-only", redact.flagged_only, "Only the flagged messages");
  redact_cmd->add_flag("-q,--quiet", redact.quiet, "Print nothing but errors");
  add_policy_options(*redact_cmd, redact.policy);

  bool plain_text = false;
  PolicyOptions check_policy;
  CLI::App* check_cmd = app.add_subcommand(
      "check", "Streaming filter: JSON Lines {\"id\":…,\"text\":…} on stdin → one verdict line per input line");
  check_cmd->add_flag("--text", plain_text, "Read plain text, one message per line (id = line number)");
  int check_threads = 0;
  check_cmd->add_option("-j,--threads", check_threads,
                        "Threads (default: all cores; one when writing to a terminal); the output is the same")
      ->check(CLI::Range(0, 256));
  add_policy_options(*check_cmd, check_policy);

  std::vector<std::string> eval_files;
  std::string eval_json_path;
  PolicyOptions eval_policy;
  CLI::App* eval_cmd = app.add_subcommand(
      "eval", "Score detection on labelled JSON Lines (text, hateful, abusive, categories, targets)");
  eval_cmd->add_option("FILE", eval_files, "Labelled JSON Lines files, e.g. ../shared/data/dev/*.jsonl")->required();
  eval_cmd->add_option("--json", eval_json_path, "Also write the figures as JSON to this file");
  bool eval_calibrate = false;
  std::string eval_mistakes_path;
  eval_cmd->add_option("--mistakes", eval_mistakes_path,
                       "Write every row whose hateful label was missed or wrongly flagged to this JSON Lines file");
  eval_cmd->add_flag("--calibrate", eval_calibrate,
                     "Also print the model's calibration tables for model.toml (run on dev data only)");
  bool eval_no_context = false;
  eval_cmd->add_flag("--no-context", eval_no_context,
                     "The lexicon alone: duty reports, condemnation, negation and reclaimed use clear nothing "
                     "(to measure what the context rules add; with --no-model, the word lists and phrases only)");
  add_policy_options(*eval_cmd, eval_policy);

  TrainOptions train;
  train.data_dir = "../shared/data/train";
  train.out_dir = default_model_dir();
  CLI::App* train_cmd = app.add_subcommand("train", "Train the statistical model (hate.ftz, target.ftz, threat.ftz) from labelled JSON Lines");
  train_cmd->add_option("--data", train.data_dir, "Folder of labelled *.jsonl training files")->capture_default_str();
  train_cmd->add_option("--out", train.out_dir, "Folder to write the model files to")->capture_default_str();
  train_cmd->add_option("--seed", train.seed, "Random seed (one training thread, so a seed gives one model)")
      ->capture_default_str();
  train_cmd->add_option("--epochs", train.epochs, "Training epochs")->capture_default_str();
  train_cmd->add_option("--lr", train.learning_rate, "Learning rate")->capture_default_str();
  train_cmd->add_option("--dim", train.dim, "Size of the word vectors")->capture_default_str();
  train_cmd->add_option("--word-ngrams", train.word_ngrams, "Longest word n-gram used")->capture_default_str();
  train_cmd->add_option("--char-min", train.char_min, "Shortest character n-gram (0: none)")->capture_default_str();
  train_cmd->add_option("--char-max", train.char_max, "Longest character n-gram (0: none)")->capture_default_str();

  PolicyOptions policy_options;
  CLI::App* policy_cmd = app.add_subcommand("policy", "Validate or list the active policy");
  policy_cmd->require_subcommand(1);
  CLI::App* policy_check = policy_cmd->add_subcommand("check", "Validate the policy (file:line for every error)");
  CLI::App* policy_show = policy_cmd->add_subcommand("show", "List every active term, phrase, allow entry, context marker and identity term");
  add_policy_options(*policy_check, policy_options);
  add_policy_options(*policy_show, policy_options);

  std::string help_topic;
  CLI::App* help_cmd = app.add_subcommand("help", "Show help for candour or for one command");
  help_cmd->add_option("COMMAND", help_topic, "scan, check, redact, eval, train or policy");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 1;
  }

  if (*help_cmd) {
    if (help_topic.empty()) {
      fmt::print("{}", app.help());
      return 0;
    }
    try {
      fmt::print("{}", app.get_subcommand(help_topic)->help());
      return 0;
    } catch (const CLI::OptionNotFound&) {
      fmt::print(stderr, "candour: no command '{}' (commands: scan, check, redact, eval, train, policy)\n", help_topic);
      return 1;
    }
  }
  if (*redact_cmd) return run_redact(redact);
  if (*scan_cmd) {
    scan.command_line.assign(argv, argv + argc);
    return run_scan(scan);
  }
  if (*check_cmd) {
    Policy policy;
    std::unique_ptr<Scanner> scanner;
    if (!load_policy_and_scanner(check_policy, policy, scanner)) return 2;
    return run_check(*scanner, plain_text, stdin, stdout,
                     check_threads > 0 ? check_threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  }
  if (*eval_cmd) {
    Policy policy;
    std::unique_ptr<Scanner> scanner;
    if (!load_policy_and_scanner(eval_policy, policy, scanner)) return 2;
    if (eval_no_context) scanner->set_context_rules(false);
    Evaluator evaluator(*scanner);
    evaluator.keep_mistakes(!eval_mistakes_path.empty());
    for (const auto& file : eval_files) {
      std::string error;
      if (!evaluator.add_file(file, &error)) {
        fmt::print(stderr, "candour: {}\n", error);
        return 2;
      }
    }
    fmt::print("policy {} {} (sha256 {})\n{}", policy.name, policy.version, policy.sha256.substr(0, 12),
               format_eval(evaluator.result()));
    if (eval_calibrate) fmt::print("\n{}", calibration_toml(evaluator.result()));
    if (!eval_mistakes_path.empty()) {
      std::string error;
      if (!write_file_atomically(eval_mistakes_path, evaluator.mistakes(), &error)) {
        fmt::print(stderr, "candour: {}\n", error);
        return 2;
      }
    }
    if (!eval_json_path.empty()) {
      std::string error;
      if (!write_file_atomically(eval_json_path, eval_json(evaluator.result()), &error)) {
        fmt::print(stderr, "candour: {}\n", error);
        return 2;
      }
    }
    return 0;
  }
  if (*train_cmd) {
    TrainReport report;
    std::string error;
    fmt::print(stderr, "candour: training from {} ...\n", train.data_dir);
    if (!train_models(train, &report, &error)) {
      fmt::print(stderr, "candour: {}\n", error);
      return 2;
    }
    fmt::print("trained on {} files: {} rows labelled hateful/not ({} hateful), {} with targets; {} rows without "
               "a hateful label skipped; {} hateful rows whose source says whether they threaten ({} do)\n"
               "hate.ftz {} bytes, target.ftz {} bytes, threat.ftz {} bytes, {:.1f} s, written to {}\n",
               report.files, report.hate_rows, report.hateful_rows, report.target_rows, report.skipped_rows,
               report.threat_rows, report.threatening_rows, report.hate_bytes, report.target_bytes,
               report.threat_bytes, report.seconds, train.out_dir);
    return 0;
  }
  if (*policy_check) return run_policy_check(policy_options);
  if (*policy_show) return run_policy_show(policy_options);
  return 1;
}
