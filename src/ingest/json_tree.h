// One JSON value (usually one message object) read whole from a JsonStream
// into flat, reusable storage: reading the next record reuses the same
// vectors, so a reader does not allocate per message once warmed up.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/json_stream.h"

namespace candour {

class JsonTree {
 public:
  enum class Type : uint8_t { object, array, string, number, boolean, null };
  using Node = uint32_t;
  static constexpr Node kNone = UINT32_MAX;
  // A record with more values than this is refused (a hostile or broken file).
  static constexpr std::size_t kMaxNodes = 1u << 20;

  // Reads the value whose first token `first` was just returned by `stream`.
  // Returns false on a stream error or when the record is too large (error()).
  bool read(JsonStream& stream, JsonStream::Token first);
  const std::string& error() const { return error_; }

  Node root() const { return nodes_.empty() ? kNone : 0; }
  Type type(Node n) const { return nodes_[n].type; }
  bool is(Node n, Type t) const { return n != kNone && nodes_[n].type == t; }
  // The member `key` of an object, kNone if absent or `n` is not an object.
  Node get(Node n, std::string_view key) const;
  // Children of an object or array, in order.
  Node first_child(Node n) const { return n == kNone ? kNone : nodes_[n].first_child; }
  Node next_sibling(Node n) const { return nodes_[n].next_sibling; }
  std::string_view key(Node n) const { return view(nodes_[n].key_begin, nodes_[n].key_size); }
  // Text of a string, number or boolean; "" otherwise.
  std::string_view text(Node n) const {
    return n == kNone ? std::string_view() : view(nodes_[n].text_begin, nodes_[n].text_size);
  }
  // Shorthands: the text of member `key`, "" if absent.
  std::string_view str(Node n, std::string_view key) const { return text(get(n, key)); }
  bool truthy(Node n, std::string_view key) const;
  std::size_t size(Node n) const;  // number of children

 private:
  struct Entry {
    Type type;
    uint32_t key_begin = 0, key_size = 0, text_begin = 0, text_size = 0;
    Node first_child = kNone, next_sibling = kNone;
  };
  std::string_view view(uint32_t begin, uint32_t size) const { return std::string_view(chars_).substr(begin, size); }
  uint32_t store(std::string_view s);

  std::vector<Entry> nodes_;
  std::string chars_;
  std::vector<Node> open_, last_child_;
  std::string error_;
};

}  // namespace candour
