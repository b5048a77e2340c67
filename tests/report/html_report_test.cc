#include "report/html_report.h"
#include "report/svg_charts.h"

#include <gtest/gtest.h>

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
