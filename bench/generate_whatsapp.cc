// Generates a large synthetic WhatsApp export for benchmarks (seeded, so the
// same arguments always give the same bytes). The mix is meant to look like a
// busy team chat: ~3% offensive messages, multi-line messages, media markers,
// deletions and system lines.
//
//   candour-gen --messages 1000000 --seed 1 --out chat.txt [--ios]
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
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

}  // namespace

int main(int argc, char** argv) {
  uint64_t messages = 100000, seed = 1;
  const char* out_path = nullptr;
  bool ios = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--messages") && i + 1 < argc) messages = std::strtoull(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--out") && i + 1 < argc) out_path = argv[++i];
    else if (!std::strcmp(argv[i], "--ios")) ios = true;
    else {
      std::fprintf(stderr, "usage: candour-gen --messages N [--seed S] [--ios] --out FILE\n");
      return 1;
    }
  }
  if (!out_path) {
    std::fprintf(stderr, "candour-gen: --out FILE is required\n");
    return 1;
  }
  FILE* out = std::fopen(out_path, "wb");
  if (!out) {
    std::perror(out_path);
    return 2;
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
  // Minutes since 2017-01-01 00:00, advancing a little per message.
  int64_t minute = 0;
  static const int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  char stamp[64];
  std::string line;
  for (uint64_t n = 0; n < messages; ++n) {
    minute += static_cast<int64_t>(pick(4));
    int64_t day_index = minute / 1440;
    int year = 2017, month = 0;
    int64_t d = day_index;
    for (;;) {
      int leap = (year % 4 == 0) ? 1 : 0;
      int in_month = kDaysInMonth[month] + (month == 1 ? leap : 0);
      if (d < in_month) break;
      d -= in_month;
      if (++month == 12) month = 0, ++year;
    }
    int hh = static_cast<int>(minute % 1440 / 60), mm = static_cast<int>(minute % 60);
    if (ios) {
      std::snprintf(stamp, sizeof stamp, "[%02d/%02d/%04d, %02d:%02d:%02d] ", static_cast<int>(d) + 1, month + 1,
                    year, hh, mm, static_cast<int>(pick(60)));
    } else {
      std::snprintf(stamp, sizeof stamp, "%02d/%02d/%04d, %02d:%02d - ", static_cast<int>(d) + 1, month + 1, year,
                    hh, mm);
    }
    line = stamp;
    uint64_t roll = pick(1000);
    const std::string& sender = senders[pick(60)];
    if (roll < 10) {  // 1% system lines
      line += sender + " added " + senders[pick(60)];
    } else {
      line += sender + ": ";
      if (roll < 40) line += kOffensive[pick(sizeof kOffensive / sizeof *kOffensive)];  // 3%
      else if (roll < 90) line += kMedia[pick(sizeof kMedia / sizeof *kMedia)];         // 5%
      else if (roll < 140) line += "Handover notes:\n- cell 4 needs meds at 8\n- van 3 tyre is low";  // 5%
      else line += kOrdinary[pick(sizeof kOrdinary / sizeof *kOrdinary)];
    }
    line += ios ? "\r\n" : "\n";
    std::fwrite(line.data(), 1, line.size(), out);
  }
  if (std::fclose(out) != 0) {
    std::perror(out_path);
    return 2;
  }
  return 0;
}
