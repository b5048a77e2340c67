// A MessageSink that keeps copies of everything, for tests.
#pragma once

#include <string>
#include <vector>

#include "candour/message.h"

namespace candour {

struct StoredUnparsed {
  uint64_t line;
  std::string text;
  std::string reason;
};

class CollectingSink : public MessageSink {
 public:
  struct Stored {
    Message message;
    std::string source, sha256, format, conversation;
  };
  void on_message(const Message& m) override {
    Stored s{m, std::string(m.source), std::string(m.sha256), std::string(m.format), std::string(m.conversation)};
    messages.push_back(std::move(s));
  }
  void on_unparsed(const UnparsedLine& u) override {
    unparsed.push_back({u.line, std::string(u.text), std::string(u.reason)});
  }
  std::vector<Stored> messages;
  std::vector<StoredUnparsed> unparsed;
};

}  // namespace candour
