// Reads a WhatsApp chat export (.txt, on its own or inside the export .zip)
// and pushes every entry to a MessageSink in order. Format: docs/formats/whatsapp.md.
//
// Two passes over the bytes, both streaming: the first settles the layout and
// the day/month order from the whole file; the second emits entries. Every
// line ends in exactly one entry or is reported as unparsed.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "candour/message.h"
#include "ingest/byte_source.h"
#include "ingest/source_report.h"
#include "ingest/whatsapp_header.h"

namespace candour {

struct WhatsAppOptions {
  std::optional<DateOrder> date_order;  // --date-order; otherwise inferred
  std::string time_zone = "assumed:Europe/London";
};

using SourceOpener = std::function<std::unique_ptr<ByteSource>()>;

// Fills `report` (path, container fields set by the caller are kept). Returns
// false if the source could not be read; report.error says why.
// `hash_in_background`: the first pass hashes the bytes on a thread of its own.
bool read_whatsapp(const SourceOpener& open, const WhatsAppOptions& options, MessageSink& sink,
                   SourceReport& report, bool hash_in_background = false);

// True if the first lines of `sample` look like a WhatsApp export.
bool looks_like_whatsapp(std::string_view sample, bool* is_ios);

// "+447700900123" for phone-number senders (bidi marks, spaces, dashes and
// brackets removed), otherwise the display name. Exposed for tests.
std::string sender_key_for(std::string_view display_name);

// Removes bidi controls and turns no-break spaces into spaces.
std::string clean_display_name(std::string_view raw);

}  // namespace candour
