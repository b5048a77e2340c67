#include "report/svg_charts.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/html_report.h"

namespace candour {
namespace {

constexpr int kLabelWidth = 170;
constexpr int kRowHeight = 22;

std::string open_svg(int width, int height, const std::string& title) {
  return fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{}\" height=\"{}\" "
                     "viewBox=\"0 0 {} {}\" font-family=\"sans-serif\" font-size=\"12\"><title>{}</title>"
                     "<text x=\"0\" y=\"14\" font-weight=\"bold\">{}</text>",
                     width, height, width, height, html_escape(title), html_escape(title));
}

std::string shorten(const std::string& label, std::size_t max) {
  return label.size() <= max ? label : label.substr(0, max - 1) + "…";
}

}  // namespace

std::string svg_heatmap(const std::vector<std::string>& rows, const std::vector<std::string>& columns,
                        const std::vector<std::vector<uint64_t>>& values, const std::string& title) {
  const int cell = 34, top = 110;
  const int width = std::max(440, kLabelWidth + cell * static_cast<int>(columns.size()) + 70);  // room for the title and the last slanted label
  const int height = top + kRowHeight * static_cast<int>(rows.size()) + 10;
  uint64_t max = 1;
  for (const auto& row : values) for (uint64_t v : row) max = std::max(max, v);
  std::string svg = open_svg(width, height, title);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    int x = kLabelWidth + cell * static_cast<int>(c) + cell / 2;
    svg += fmt::format("<text transform=\"translate({},{}) rotate(-55)\">{}</text>", x, top - 6,
                       html_escape(shorten(columns[c], 18)));
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    int y = top + kRowHeight * static_cast<int>(r);
    svg += fmt::format("<text x=\"0\" y=\"{}\">{}</text>", y + 15, html_escape(shorten(rows[r], 24)));
    for (std::size_t c = 0; c < columns.size(); ++c) {
      uint64_t v = values[r][c];
      double shade = v ? 0.15 + 0.85 * double(v) / double(max) : 0.0;
      int x = kLabelWidth + cell * static_cast<int>(c);
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#b00020\" fill-opacity=\"{:.2f}\" "
                         "stroke=\"#ddd\"/>",
                         x, y, cell - 2, kRowHeight - 2, shade);
      if (v) {
        svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>", x + cell / 2 - 1,
                           y + 15, shade > 0.55 ? "#fff" : "#000", v);
      }
    }
  }
  return svg + "</svg>";
}

std::string svg_bars(const std::vector<std::pair<std::string, uint64_t>>& bars, const std::string& title) {
  const int bar_area = 320, top = 24;
  const int height = top + kRowHeight * static_cast<int>(bars.size()) + 6;
  uint64_t max = 1;
  for (const auto& [label, v] : bars) max = std::max(max, v);
  std::string svg = open_svg(kLabelWidth + bar_area + 60, height, title);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    int y = top + kRowHeight * static_cast<int>(i);
    int w = static_cast<int>(double(bars[i].second) / double(max) * bar_area);
    svg += fmt::format("<text x=\"0\" y=\"{}\">{}</text><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                       "fill=\"#e65100\"/><text x=\"{}\" y=\"{}\">{}</text>",
                       y + 15, html_escape(shorten(bars[i].first, 24)), kLabelWidth, y + 3, w, kRowHeight - 6,
                       kLabelWidth + w + 4, y + 15, bars[i].second);
  }
  return svg + "</svg>";
}

std::string svg_paired_bars(const std::vector<std::string>& rows,
                            const std::vector<std::pair<uint64_t, uint64_t>>& values, const std::string& first_label,
                            const std::string& second_label, const std::string& title) {
  const int bar_area = 300, top = 40, row = 2 * kRowHeight - 10;
  const int height = top + row * static_cast<int>(rows.size()) + 6;
  uint64_t max = 1;
  for (const auto& [a, b] : values) max = std::max({max, a, b});
  std::string svg = open_svg(kLabelWidth + bar_area + 60, height, title);
  svg += fmt::format("<rect x=\"0\" y=\"22\" width=\"10\" height=\"10\" fill=\"#b00020\"/><text x=\"14\" y=\"31\">{}</text>"
                     "<rect x=\"280\" y=\"22\" width=\"10\" height=\"10\" fill=\"#2e7d32\"/><text x=\"294\" y=\"31\">{}</text>",
                     html_escape(first_label), html_escape(second_label));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    int y = top + row * static_cast<int>(i);
    int wa = static_cast<int>(double(values[i].first) / double(max) * bar_area);
    int wb = static_cast<int>(double(values[i].second) / double(max) * bar_area);
    svg += fmt::format("<text x=\"0\" y=\"{}\">{}</text>"
                       "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" fill=\"#b00020\"/><text x=\"{}\" y=\"{}\">{}</text>"
                       "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" fill=\"#2e7d32\"/><text x=\"{}\" y=\"{}\">{}</text>",
                       y + 16, html_escape(shorten(rows[i], 24)), kLabelWidth, y + 2, wa, kLabelWidth + wa + 4, y + 12,
                       values[i].first, kLabelWidth, y + 16, wb, kLabelWidth + wb + 4, y + 26, values[i].second);
  }
  return svg + "</svg>";
}

}  // namespace candour
