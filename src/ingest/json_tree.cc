#include "ingest/json_tree.h"

#include <fmt/core.h>

namespace candour {

uint32_t JsonTree::store(std::string_view s) {
  auto begin = static_cast<uint32_t>(chars_.size());
  chars_.append(s);
  return begin;
}

bool JsonTree::read(JsonStream& stream, JsonStream::Token first) {
  using Token = JsonStream::Token;
  nodes_.clear();
  chars_.clear();
  open_.clear();
  last_child_.clear();
  error_.clear();
  uint32_t pending_key_begin = 0, pending_key_size = 0;
  Token t = first;
  for (;;) {
    if (t == Token::error || t == Token::end) {
      error_ = stream.error().empty() ? "the input ends inside a record" : stream.error();
      return false;
    }
    if (t == Token::key) {
      pending_key_size = static_cast<uint32_t>(stream.text().size());
      pending_key_begin = store(stream.text());
      t = stream.next();
      continue;
    }
    if (t == Token::end_object || t == Token::end_array) {
      open_.pop_back();
      last_child_.pop_back();
      if (open_.empty()) return true;
      t = stream.next();
      continue;
    }
    if (nodes_.size() >= kMaxNodes || chars_.size() > (uint64_t{1} << 31)) {
      error_ = fmt::format("a record with more than {} values at byte {} (line {}); it was not read",
                           kMaxNodes, stream.token_offset(), stream.line());
      return false;
    }
    Entry e;
    switch (t) {
      case Token::begin_object: e.type = Type::object; break;
      case Token::begin_array: e.type = Type::array; break;
      case Token::string: e.type = Type::string; break;
      case Token::number: e.type = Type::number; break;
      case Token::boolean: e.type = Type::boolean; break;
      default: e.type = Type::null; break;
    }
    if (!open_.empty() && nodes_[open_.back()].type == Type::object) {
      e.key_begin = pending_key_begin;
      e.key_size = pending_key_size;
    }
    if (e.type == Type::string || e.type == Type::number || e.type == Type::boolean) {
      e.text_size = static_cast<uint32_t>(stream.text().size());
      e.text_begin = store(stream.text());
    }
    const auto index = static_cast<Node>(nodes_.size());
    nodes_.push_back(e);
    if (!open_.empty()) {
      Node& last = last_child_.back();
      if (last == kNone) {
        nodes_[open_.back()].first_child = index;
      } else {
        nodes_[last].next_sibling = index;
      }
      last = index;
    }
    if (e.type == Type::object || e.type == Type::array) {
      open_.push_back(index);
      last_child_.push_back(kNone);
    } else if (open_.empty()) {
      return true;  // a scalar on its own
    }
    t = stream.next();
  }
}

JsonTree::Node JsonTree::get(Node n, std::string_view wanted) const {
  if (!is(n, Type::object)) return kNone;
  for (Node c = nodes_[n].first_child; c != kNone; c = nodes_[c].next_sibling) {
    if (key(c) == wanted) return c;
  }
  return kNone;
}

bool JsonTree::truthy(Node n, std::string_view wanted) const {
  Node v = get(n, wanted);
  if (v == kNone) return false;
  std::string_view t = text(v);
  return t == "true" || t == "1" || t == "True";
}

std::size_t JsonTree::size(Node n) const {
  std::size_t count = 0;
  for (Node c = first_child(n); c != kNone; c = nodes_[c].next_sibling) ++count;
  return count;
}

}  // namespace candour
