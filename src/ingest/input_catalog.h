// Turns what the user named on the command line (files, .zip files, folders)
// into the list of chat sources to read, detecting each one's format.
// Anything that is not read is listed with the reason: nothing is skipped silently.
#pragma once

#include <string>
#include <vector>

#include "ingest/byte_source.h"

namespace candour {

struct InputSource {
  std::string display;            // "exports/chat.zip/_chat.txt"
  std::string path;               // file on disk (the .zip for zip entries)
  std::string zip_entry;          // entry inside the zip, "" for plain files
  std::string format;             // "whatsapp"
  std::string conversation_hint;  // from the file name, "" if none

  std::unique_ptr<ByteSource> open() const;
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
