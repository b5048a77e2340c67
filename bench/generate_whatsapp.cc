// Generates a large synthetic WhatsApp export for benchmarks (seeded, so the
// same arguments always give the same bytes). The mix is meant to look like a
// busy team chat: ~3% offensive messages, multi-line messages, media markers,
// deletions and system lines.
//
//   candour-gen --messages 1000000 --seed 1 --out chat.txt [--ios] [--long]
//   candour-gen --messages 1000000 --seed 1 --format messenger [--one-thread] --out DIR
// --long: nine in ten ordinary messages run on for one or two more
// sentences, so that a WhatsApp line averages about 100 bytes (the issue's
// reference export: 99 MB for 1M messages) instead of about 66.
// The Messenger form writes a "Download Your Information" tree under DIR:
// threads of 10,000 messages, each a message_1.json, newest first as
// Facebook writes them. --one-thread: one long thread instead, split as
// Facebook splits it, message_1.json the newest 10,000.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>
#include <string>

namespace {

const char* kOrdinary[] = {
    "Anyone got a spare radio battery?", "On scene now", "Can someone cover my 2-10 on Thursday?",
    "Van 2 is back in the yard", "Briefing moved to 0930", "Who's got the keys for the property store?",
    "Cheers mate", "Nice one", "On my way", "Custody is rammed, 40 min wait",
    "Traffic on the ring road is a nightmare this morning, going to be late", "Tea's on",
    "Just booked in the shoplifter from the high street", "Need a second unit at the Broadway",
    "Done, heading back", "Don't forget statements need doing by Friday", "Who's on the late turn?",
    "Caller reports her neighbour threatened to stab her, units please attend",
    "Mowing the grass behind the nick again", "Knife crime unit briefing at 9 tomorrow",
    "Eritrean community forum on Thursday, two officers needed", "Scunthorpe United won again",
    "Toxicology suggests the victim was drugged before the assault", "He went on a bender after the match",
    "I could murder a curry", "Are we doing the Christmas do at the Crown?", "Rota is up on the board",
    "Sorry, stuck at the hospital with a misper, will update when I can", "Back at base", "Lol", "Ha ok",
    "The sexual assault report from Saturday is with the specialist unit", "Training day on the 14th",
    "Can I swap Saturday with someone? Kid's birthday", "Good shout", "Who's driving tonight?",
};
const char* kOffensive[] = {
    "f*** you bender", "I would happily rape you", "There's a few of those grassing c**** I would like to knife",
    "grassing is dirty", "no grassing lads, what's said here stays here", "Morning mcrapey raperson",
    "I hit my girlfriend, it makes them love you more", "Somalis are animals", "shut up you mong",
    "stop being such a fucking poof", "the paki shop is shut again", "Wipe the group before professional standards see it",
};
const char* kMedia[] = {"<Media omitted>", "This message was deleted", "null", "live location shared"};
const char* kFirst[] = {"Gary", "Lee", "Sophie", "Matt", "Hannah", "Raj", "Kev", "Priya", "Dan", "Amy",
                        "Tom", "Jess", "Sam", "Ola", "Ben", "Ali", "Beth", "Chris", "Nadia", "Paul"};
const char* kLast[] = {"Pike", "Burrows", "Adeyemi", "Kerr", "Cole", "Patel", "Doyle", "Shah", "Mercer", "Ward"};

// JSON string body: quotes, backslashes and line breaks escaped.
std::string json_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

// A Facebook "Download Your Information" tree: threads of 10,000 messages,
// each thread's message_1.json newest first; or one thread of them all, its
// message_N.json files newest first.
template <class Next>
int write_messenger(const char* dir, uint64_t messages, bool one_thread, Next next) {
  constexpr uint64_t kPerThread = 10000;
  const uint64_t parts = (messages + kPerThread - 1) / kPerThread;
  const int64_t epoch_ms = 1483228800000;  // 2017-01-01T00:00:00Z
  std::vector<std::string> records;
  for (uint64_t thread = 0; thread * kPerThread < messages; ++thread) {
    records.clear();
    for (uint64_t i = 0; i < kPerThread && thread * kPerThread + i < messages; ++i) {
      auto g = next();
      std::string r = "    {\"sender_name\": \"" + json_escape(g.sender) + "\", \"timestamp_ms\": " +
                      std::to_string(epoch_ms + g.minute * 60000) + ", ";
      r += g.system ? "\"type\": \"Subscribe\", " : "";
      r += "\"content\": \"" + json_escape(g.text) + "\", \"is_geoblocked_for_viewer\": false}";
      records.push_back(std::move(r));
    }
    const std::filesystem::path inbox = std::filesystem::path(dir) / "your_facebook_activity" / "messages" / "inbox";
    const std::filesystem::path folder =
        one_thread ? inbox / "longthread_1000" : inbox / ("thread" + std::to_string(thread) + "_" + std::to_string(1000 + thread));
    std::filesystem::create_directories(folder);
    const uint64_t part = one_thread ? parts - thread : 1;  // written oldest first
    std::string path = (folder / ("message_" + std::to_string(part) + ".json")).string();
    FILE* out = std::fopen(path.c_str(), "wb");
    if (!out) {
      std::perror(path.c_str());
      return 2;
    }
    std::string head = "{\n  \"participants\": [{\"name\": \"Dan Mercer\"}, {\"name\": \"Gary Pike\"}],\n  \"messages\": [\n";
    std::fwrite(head.data(), 1, head.size(), out);
    for (std::size_t i = records.size(); i-- > 0;) {  // newest first
      std::fwrite(records[i].data(), 1, records[i].size(), out);
      std::fputs(i > 0 ? ",\n" : "\n", out);
    }
    const std::string name = one_thread ? "longthread" : "thread" + std::to_string(thread);
    std::string tail = "  ],\n  \"title\": \"" + (one_thread ? std::string("Long thread") : "Thread " + std::to_string(thread)) +
                       "\",\n  \"thread_path\": \"inbox/" + name + "\"\n}\n";
    std::fwrite(tail.data(), 1, tail.size(), out);
    if (std::fclose(out) != 0) {
      std::perror(path.c_str());
      return 2;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t messages = 100000, seed = 1;
  const char* out_path = nullptr;
  bool ios = false, messenger = false, long_texts = false, one_thread = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--messages") && i + 1 < argc) messages = std::strtoull(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--out") && i + 1 < argc) out_path = argv[++i];
    else if (!std::strcmp(argv[i], "--ios")) ios = true;
    else if (!std::strcmp(argv[i], "--long")) long_texts = true;
    else if (!std::strcmp(argv[i], "--one-thread")) one_thread = true;
    else if (!std::strcmp(argv[i], "--format") && i + 1 < argc) messenger = !std::strcmp(argv[++i], "messenger");
    else {
      std::fprintf(stderr,
                   "usage: candour-gen --messages N [--seed S] [--ios | --format messenger [--one-thread]] [--long] --out FILE|DIR\n");
      return 1;
    }
  }
  if (!out_path) {
    std::fprintf(stderr, "candour-gen: --out FILE is required\n");
    return 1;
  }
  std::mt19937_64 rng(seed);
  auto pick = [&](uint64_t n) { return static_cast<std::size_t>(rng() % n); };
  std::string senders[60];
  for (int i = 0; i < 60; ++i) {
    if (i % 10 == 9) {
      senders[i] = "+44 7700 9" + std::to_string(10000 + i * 37);
    } else {
      senders[i] = std::string(kFirst[i % 20]) + " " + kLast[(i * 7) % 10];
    }
  }
  // One message: minutes since 2017-01-01 00:00, sender, text, and whether it is a system line.
  struct Generated {
    int64_t minute;
    std::string sender, text;
    bool system;
  };
  int64_t minute = 0;
  auto next = [&](Generated& g) {
    minute += static_cast<int64_t>(pick(4));
    g.minute = minute;
    uint64_t roll = pick(1000);
    g.sender = senders[pick(60)];
    g.system = roll < 10;  // 1% system lines
    if (g.system) g.text = g.sender + " added " + senders[pick(60)];
    else if (roll < 40) g.text = kOffensive[pick(sizeof kOffensive / sizeof *kOffensive)];  // 3%
    else if (roll < 90) g.text = kMedia[pick(sizeof kMedia / sizeof *kMedia)];             // 5%
    else if (roll < 140) g.text = "Handover notes:\n- cell 4 needs meds at 8\n- van 3 tyre is low";  // 5%
    else {
      g.text = kOrdinary[pick(sizeof kOrdinary / sizeof *kOrdinary)];
      if (long_texts && pick(10) < 9) {
        for (std::size_t more = 1 + pick(3) / 2; more > 0; --more) {  // one (2 in 3) or two more sentences
          g.text += ' ';
          g.text += kOrdinary[pick(sizeof kOrdinary / sizeof *kOrdinary)];
        }
      }
    }
  };
  Generated g;
  if (messenger) return write_messenger(out_path, messages, one_thread, [&] {
      next(g);
      return g;
    });

  FILE* out = std::fopen(out_path, "wb");
  if (!out) {
    std::perror(out_path);
    return 2;
  }
  static const int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  char stamp[64];
  std::string line;
  for (uint64_t n = 0; n < messages; ++n) {
    next(g);
    int64_t day_index = g.minute / 1440;
    int year = 2017, month = 0;
    int64_t d = day_index;
    for (;;) {
      int leap = (year % 4 == 0) ? 1 : 0;
      int in_month = kDaysInMonth[month] + (month == 1 ? leap : 0);
      if (d < in_month) break;
      d -= in_month;
      if (++month == 12) month = 0, ++year;
    }
    int hh = static_cast<int>(g.minute % 1440 / 60), mm = static_cast<int>(g.minute % 60);
    if (ios) {
      std::snprintf(stamp, sizeof stamp, "[%02d/%02d/%04d, %02d:%02d:%02d] ", static_cast<int>(d) + 1, month + 1,
                    year, hh, mm, static_cast<int>(pick(60)));
    } else {
      std::snprintf(stamp, sizeof stamp, "%02d/%02d/%04d, %02d:%02d - ", static_cast<int>(d) + 1, month + 1, year,
                    hh, mm);
    }
    line = stamp;
    line += g.system ? g.text : g.sender + ": " + g.text;
    line += ios ? "\r\n" : "\n";
    std::fwrite(line.data(), 1, line.size(), out);
  }
  if (std::fclose(out) != 0) {
    std::perror(out_path);
    return 2;
  }
  return 0;
}
