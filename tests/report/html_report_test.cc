#include "report/html_report.h"
#include "report/summary.h"
#include "report/svg_charts.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "candour/policy.h"

#include <csignal>
#include <cstdlib>
#ifdef __linux__
#include <sys/resource.h>
#endif

namespace candour {
namespace {

TEST(HtmlReport, EscapesMarkupInMessages) {
  EXPECT_EQ(html_escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
}

TEST(HtmlReport, HighlightsFindingSpansAndEscapesAroundThem) {
  Finding f;
  f.start = 9;
  f.end = 15;
  f.rule = "pattern:x";
  EXPECT_EQ(highlight_html("<b>f you bender</b>", {f}), "&lt;b&gt;f you <mark>bender</mark>&lt;/b&gt;");
}

TEST(HtmlReport, LexiconWordsAreMaskedUntilRevealed) {
  Finding f;
  f.start = 6;
  f.end = 12;
  f.rule = "lexicon:homophobic-slur/bender";
  std::string html = highlight_html("f you bender", {f});
  EXPECT_NE(html.find("<span class=\"x\">b*****</span>"), std::string::npos) << html;
  EXPECT_NE(html.find("<span class=\"o\">bender</span>"), std::string::npos) << html;
  EXPECT_EQ(masked_text("shirt lifter", true), "s**** ******");
  EXPECT_EQ(masked_text("p\xC3\xA4ki", true), "p***");  // characters, not bytes
}

// The per-person lists of flagged messages go to a temporary file past a
// bound on memory (a chat where most messages are flagged would otherwise
// hold them all): the page is the same either way.
// Flagged records from two senders, and the result they add up to.
struct Flagged {
  Policy policy;
  ScanResult result;
  std::vector<FlaggedRecord> records;
};

void make_flagged(int count, Flagged& flagged) {
  ASSERT_TRUE(load_policy({default_policy_dir()}, flagged.policy).empty());
  ScanResult& result = flagged.result;
  result.policy = &flagged.policy;
  std::vector<FlaggedRecord>& records = flagged.records;
  records.resize(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    FlaggedRecord& r = records[static_cast<std::size_t>(i)];
    r.message.sender = r.message.sender_key = i % 3 ? "Dan Mercer" : "Gary <Pike>";
    r.message.time = fmt::format("2017-01-{:02}T10:{:02}:00", 1 + i / 60, i % 60);
    r.message.text = "message number " + std::to_string(i);
    r.message.kind = MessageKind::text;
    Finding f;
    f.category = i % 2 ? Category::bullying : Category::threat;
    f.severity = 2 + i % 3;
    f.start = 0;
    f.end = 7;
    f.evidence = "message";
    f.rule = "pattern:x";
    f.source = "pattern";
    r.findings.push_back(f);
    r.severity = f.severity;
    r.rebind();
    result.stats.add_message(r.message, true);
    result.stats.add_flagged(r.message, r.findings, r.severity);
  }
}

TEST(HtmlReport, PersonListsKeptInATemporaryFileGiveTheSamePage) {
  Flagged flagged;
  make_flagged(300, flagged);
  auto page = [&](std::size_t items_in_memory) {
    HtmlReport report(items_in_memory);
    for (const auto& r : flagged.records) report.add_flagged(r);
    std::string out;
    EXPECT_TRUE(report.render(flagged.result, [&](std::string_view piece) { out.append(piece); }));
    return out;
  };
  const std::string in_memory = page(HtmlReport::kItemsInMemory);
  EXPECT_EQ(page(0), in_memory);     // every item to the file as it comes
  EXPECT_EQ(page(1000), in_memory);  // a few items at a time
  // Gary's section lists his messages (every third), in order.
  const std::size_t section = in_memory.find("<h3>Gary &lt;Pike&gt;</h3>");
  ASSERT_NE(section, std::string::npos);
  const std::size_t first = in_memory.find("href=\"#f1\"", section), last = in_memory.find("href=\"#f298\"", section);
  EXPECT_NE(first, std::string::npos);
  EXPECT_NE(last, std::string::npos);
  EXPECT_LT(first, last);
  EXPECT_LT(last, in_memory.find("</section>", section));
}

#ifdef __linux__
// A page whose temporary files could not be written (a full disk, here a
// file size limit) is reported as incomplete, not written short.
TEST(HtmlReport, ATemporaryFileThatCannotBeWrittenFailsThePage) {
  Flagged flagged;
  make_flagged(3000, flagged);
  EXPECT_EXIT(
      {
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{};
        ::getrlimit(RLIMIT_FSIZE, &limit);
        limit.rlim_cur = 64 * 1024;
        ::setrlimit(RLIMIT_FSIZE, &limit);
        HtmlReport report(0);
        for (const auto& r : flagged.records) report.add_flagged(r);
        std::size_t written = 0;
        const bool complete = report.render(flagged.result, [&](std::string_view piece) { written += piece.size(); });
        std::_Exit(complete ? 1 : written > 0 ? 0 : 2);
      },
      ::testing::ExitedWithCode(0), "");
}
#endif

TEST(HtmlReport, OverlappingSpansAreMarkedOnce) {
  Finding a, b;
  a.rule = b.rule = "pattern:x";
  a.start = 0, a.end = 5;
  b.start = 3, b.end = 8;
  EXPECT_EQ(highlight_html("abcdefghij", {a, b}), "<mark>abc</mark><mark>de</mark><mark>fgh</mark>ij");
}

}  // namespace
}  // namespace candour

namespace candour {
namespace {

TEST(SvgCharts, LabelsAreEscapedAndChartsAreSelfContained) {
  std::string svg = svg_bars({{"<script>alert(1)</script>", 3}, {"b", 1}}, "Title & more");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("Title &amp; more"), std::string::npos);
  std::string heat = svg_heatmap({"Dan"}, {"identity_hate", "threat"}, {{2, 0}}, "Heat");
  EXPECT_NE(heat.find(">2</text>"), std::string::npos);
  std::string pairs = svg_paired_bars({"Dan"}, {{1, 0}}, "endorsed", "challenged", "Reactions");
  EXPECT_NE(pairs.find("endorsed"), std::string::npos);
}

}  // namespace
}  // namespace candour
