// Small inline SVG charts for report.html: no scripts, no external files,
// every label escaped. Each returns a complete <svg> element.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace candour {

// Rows x columns of counts, darker for more (e.g. person x category).
std::string svg_heatmap(const std::vector<std::string>& rows, const std::vector<std::string>& columns,
                        const std::vector<std::vector<uint64_t>>& values, const std::string& title);

// One bar per label (e.g. flagged messages per month, per severity).
std::string svg_bars(const std::vector<std::pair<std::string, uint64_t>>& bars, const std::string& title);

// Two bars per row (e.g. endorsements given vs challenges made, per person).
std::string svg_paired_bars(const std::vector<std::string>& rows,
                            const std::vector<std::pair<uint64_t, uint64_t>>& values, const std::string& first_label,
                            const std::string& second_label, const std::string& title);

}  // namespace candour
