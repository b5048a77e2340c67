// Every reader has the same shape: it reads one source (one or more files),
// pushes each entry to the sink in order and fills the report. It returns
// false only when nothing of the source could be read (report.error says
// why); a malformed part is a warning and an unparsed record, and the rest
// is still read. Formats: docs/formats/.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "candour/message.h"
#include "ingest/input_catalog.h"
#include "ingest/source_report.h"
#include "ingest/whatsapp_reader.h"

namespace candour {

struct ReaderOptions {
  WhatsAppOptions whatsapp;
  // --map for CSV and JSON Lines: field -> column, e.g. {"text", "Body"}.
  std::vector<std::pair<std::string, std::string>> column_map;
  // Sources are hashed on a thread of their own while they are read (scan
  // with more than one thread; util/sha256.h). WhatsApp and Messenger.
  bool hash_in_background = false;
  // HTML pages of a source are parsed a page ahead, on a thread of their own
  // (scan with more than one thread). Messenger HTML.
  bool parse_ahead = false;
  // A Messenger thread (JSON or HTML) or Teams conversation of more messages
  // than this, stored newest first, is not held whole to be put in order: it
  // is read again a part, or a piece of its file, at a time.
  std::size_t held_messages = 50000;
};

bool read_messenger(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report);
bool read_messenger_html(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report);
bool read_telegram(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report);
bool read_telegram_html(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report);
bool read_slack(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report);
bool read_discord(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report);
bool read_teams(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report);
bool read_cellebrite(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report);
bool read_delimited(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report);

// Whether the reader of `format` holds a whole source before it gives the
// first entry (a Messenger chat is stored newest first, and given oldest
// first), then gives them all at once.
bool reads_whole_source(std::string_view format);

// Picks the reader for input.format.
bool read_source(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report);

}  // namespace candour
