#include "report/html_report.h"

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
  EXPECT_EQ(highlight_html("<b>f you bender</b>", {f}), "&lt;b&gt;f you <mark>bender</mark>&lt;/b&gt;");
}

TEST(HtmlReport, OverlappingSpansAreMarkedOnce) {
  Finding a, b;
  a.start = 0, a.end = 5;
  b.start = 3, b.end = 8;
  EXPECT_EQ(highlight_html("abcdefghij", {a, b}), "<mark>abc</mark><mark>de</mark><mark>fgh</mark>ij");
}

}  // namespace
}  // namespace candour
