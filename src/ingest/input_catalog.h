// Turns what the user named on the command line (files, .zip files, folders)
// into the list of chat sources to read, detecting each one's format.
// Anything that is not read is listed with the reason: nothing is skipped silently.
#pragma once

#include <string>
#include <vector>

#include "ingest/byte_source.h"

namespace candour {

// One file read by a reader: a plain file or an entry of a .zip.
struct InputPart {
  std::string display;    // "exports/chat.zip/_chat.txt"
  std::string path;       // file on disk (the .zip for zip entries)
  std::string zip_entry;  // entry inside the zip, "" for plain files
  std::string_view bytes; // in-memory content when path is "" (tests, fuzzing)

  std::unique_ptr<ByteSource> open() const;
};

// One conversation source. Most are one file; a Messenger thread split into
// message_1.json, message_2.json... and a Slack channel (one file per day)
// are several parts, read together.
struct InputSource {
  std::string display;            // the file, or the thread/channel folder
  std::string path;               // the first part's file on disk (the .zip for zip entries)
  std::string zip_entry;          // the first part's entry inside the zip, "" for plain files
  std::string format;             // "whatsapp", "messenger", ... (format_sniffer.h)
  std::string conversation_hint;  // from the file or folder name, "" if none
  std::vector<InputPart> parts;   // every file, in reading order
  std::vector<InputPart> companions;  // Slack: users.json and channels.json of the export

  std::unique_ptr<ByteSource> open() const { return parts.front().open(); }
};

struct InputProblem {
  std::string path;
  std::string reason;
};

struct InputCatalog {
  std::vector<InputSource> sources;
  std::vector<InputProblem> failures;  // named inputs that cannot be read (exit status 2)
  std::vector<InputProblem> skipped;   // files inside folders/zips that are not chats (media, ...)
};

// `forced_format`: "" to detect, or a format name from --format.
InputCatalog catalog_inputs(const std::vector<std::string>& inputs, const std::string& forced_format);

// What a file that is not a chat export looks like ("a JPEG image", "empty"), for error messages.
std::string describe_content(std::string_view head);

// "Team 3" from "WhatsApp Chat with Team 3.txt" or "WhatsApp Chat - Team 3.zip".
std::string conversation_from_filename(std::string_view filename);

}  // namespace candour
