#include "ingest/json_stream.h"

#include <fmt/core.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text/utf8.h"

namespace candour {

namespace {
constexpr std::size_t kChunk = 256 * 1024;

enum State : char { kValue, kValueOrEnd, kKeyOrEnd, kKey, kCommaOrEnd, kDone };

// Where the run of bytes from `pos` that a string copies as they are ends:
// at a quote, a backslash or a control character. Sixteen bytes at a time.
std::size_t plain_run_end(const char* data, std::size_t pos, std::size_t end) {
  auto plain = [](char ch) { return ch != '"' && ch != '\\' && static_cast<unsigned char>(ch) >= 0x20; };
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), last_control = _mm_set1_epi8(0x1F);
  while (pos + 16 <= end) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + pos));
    const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(bytes, last_control), last_control);  // <= 0x1F
    const __m128i stop =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)), control);
    const int mask = _mm_movemask_epi8(stop);
    if (mask != 0) return pos + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    pos += 16;
  }
#endif
  while (pos < end && plain(data[pos])) ++pos;
  return pos;
}

int hex_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

JsonStream::JsonStream(ByteSource& source, bool lenient) : source_(&source), lenient_(lenient) {
  buffer_.resize(kChunk);
  stack_.reserve(64);
}

void JsonStream::reset(ByteSource& source) {
  source_ = &source;
  pos_ = end_ = 0;
  offset_ = token_offset_ = 0;
  line_ = 1;
  eof_ = bom_checked_ = false;
  depth_ = 0;
  stack_.clear();
  state_ = 0;
  error_.clear();
}

bool JsonStream::fill() {
  if (eof_) return false;
  offset_ += pos_;
  pos_ = end_ = 0;
  end_ = source_->read(buffer_.data(), buffer_.size());
  if (end_ == 0) {
    eof_ = true;
    return false;
  }
  return true;
}

int JsonStream::peek() {
  if (pos_ == end_ && !fill()) return -1;
  return static_cast<unsigned char>(buffer_[pos_]);
}

int JsonStream::get() {
  int c = peek();
  if (c >= 0) {
    ++pos_;
    if (c == '\n') ++line_;
  }
  return c;
}

JsonStream::Token JsonStream::fail(std::string message) {
  if (error_.empty()) {
    if (!source_->error().empty()) {
      error_ = source_->error();
    } else {
      error_ = fmt::format("{} at byte {} (line {})", message, offset(), line_);
    }
  }
  return Token::error;
}

bool JsonStream::skip_space_and_separators() {
  for (;;) {
    int c = peek();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      get();
    } else if (!bom_checked_ && c == 0xEF) {  // a UTF-8 byte order mark before the document
      get();
      if (get() != 0xBB || get() != 0xBF) return false;
    } else {
      bom_checked_ = true;
      return true;
    }
  }
}

bool JsonStream::at_end_of_input() {
  skip_space_and_separators();
  return peek() < 0;
}

bool JsonStream::read_literal(std::string_view word) {
  for (char expected : word) {
    if (get() != static_cast<unsigned char>(expected)) return false;
  }
  return true;
}

bool JsonStream::read_number(int first) {
  text_.assign(1, static_cast<char>(first));
  for (;;) {
    int c = peek();
    if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
      text_.push_back(static_cast<char>(get()));
      if (text_.size() > 64) return false;
    } else {
      return true;
    }
  }
}

// After the opening quote. Decodes escapes into text_.
bool JsonStream::read_string() {
  text_.clear();
  for (;;) {
    // Fast path: copy the run of plain bytes in the buffer.
    const std::size_t start = pos_;
    pos_ = plain_run_end(buffer_.data(), pos_, end_);
    text_.append(buffer_, start, pos_ - start);
    if (text_.size() > kMaxString) {
      fail(fmt::format("a string longer than {} MiB", kMaxString >> 20));
      return false;
    }
    int c = get();
    if (c < 0) return fail("the input ends inside a string"), false;
    if (c == '"') return true;
    if (c < 0x20) {
      if (!lenient_) return fail("a control character inside a string"), false;
      ++lenient_escapes_;
      text_.push_back(static_cast<char>(c));
      continue;
    }
    if (c != '\\') {
      text_.push_back(static_cast<char>(c));  // a byte the fast path stopped at, at a buffer end
      continue;
    }
    int e = get();
    switch (e) {
      case '"': text_.push_back('"'); break;
      case '\\': text_.push_back('\\'); break;
      case '/': text_.push_back('/'); break;
      case 'b': text_.push_back('\b'); break;
      case 'f': text_.push_back('\f'); break;
      case 'n': text_.push_back('\n'); break;
      case 'r': text_.push_back('\r'); break;
      case 't': text_.push_back('\t'); break;
      case 'u': {
        auto read4 = [&](char32_t* out) {
          char32_t v = 0;
          for (int i = 0; i < 4; ++i) {
            int h = hex_value(get());
            if (h < 0) return false;
            v = v * 16 + static_cast<char32_t>(h);
          }
          *out = v;
          return true;
        };
        char32_t cp = 0;
        if (!read4(&cp)) return fail("a bad \\u escape"), false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          // A high surrogate should be followed by a low one; alone it becomes U+FFFD.
          char32_t low = 0;
          if (peek() == '\\') {
            get();
            if (get() != 'u' || !read4(&low)) return fail("a bad \\u escape"), false;
            if (low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              append_utf8(0xFFFD, text_);
              cp = (low >= 0xD800 && low <= 0xDFFF) ? 0xFFFD : low;
            }
          } else {
            cp = 0xFFFD;
          }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          cp = 0xFFFD;
        }
        append_utf8(cp, text_);
        break;
      }
      case 'x': {
        // Telegram Desktop writes "\x0B" and the like for control characters.
        int h1 = hex_value(get()), h2 = hex_value(get());
        if (!lenient_ || h1 < 0 || h2 < 0) return fail("an invalid escape \\x"), false;
        ++lenient_escapes_;
        append_utf8(static_cast<char32_t>(h1 * 16 + h2), text_);
        break;
      }
      default:
        return fail("an invalid escape in a string"), false;
    }
  }
}

JsonStream::Token JsonStream::next() {
  if (!error_.empty()) return Token::error;
  for (;;) {
    if (!skip_space_and_separators()) return fail("a broken byte order mark");
    token_offset_ = offset();
    int c = peek();
    switch (static_cast<State>(state_)) {
      case kDone:
        if (c < 0) return Token::end;
        return fail("more data after the end of the JSON document");
      case kCommaOrEnd: {
        const char container = stack_.back();
        if (c == ',') {
          get();
          state_ = container == 'o' ? kKey : kValue;
          continue;
        }
        if ((container == 'o' && c == '}') || (container == 'a' && c == ']')) {
          get();
          stack_.pop_back();
          --depth_;
          state_ = stack_.empty() ? kDone : kCommaOrEnd;
          return container == 'o' ? Token::end_object : Token::end_array;
        }
        if (c < 0) return fail("the input ends inside " + std::string(container == 'o' ? "an object" : "an array"));
        return fail(container == 'o' ? "expected ',' or '}'" : "expected ',' or ']'");
      }
      case kKeyOrEnd:
      case kKey: {
        if (c == '}' && state_ == kKeyOrEnd) {
          get();
          stack_.pop_back();
          --depth_;
          state_ = stack_.empty() ? kDone : kCommaOrEnd;
          return Token::end_object;
        }
        if (c != '"') return fail(c < 0 ? "the input ends inside an object" : "expected a key in quotes");
        get();
        if (!read_string()) return Token::error;
        if (!skip_space_and_separators() || get() != ':') return fail("expected ':' after a key");
        state_ = kValue;
        return Token::key;
      }
      case kValueOrEnd:
        if (c == ']') {
          get();
          stack_.pop_back();
          --depth_;
          state_ = stack_.empty() ? kDone : kCommaOrEnd;
          return Token::end_array;
        }
        [[fallthrough]];
      case kValue: {
        if (c < 0) return fail(stack_.empty() ? "no JSON value (the input is empty)" : "the input ends where a value was expected");
        get();
        auto done = [&](Token t) {
          state_ = stack_.empty() ? kDone : kCommaOrEnd;
          return t;
        };
        switch (c) {
          case '{':
          case '[':
            if (depth_ >= kMaxDepth) return fail(fmt::format("JSON nested deeper than {} levels", kMaxDepth));
            ++depth_;
            stack_.push_back(c == '{' ? 'o' : 'a');
            state_ = c == '{' ? kKeyOrEnd : kValueOrEnd;
            return c == '{' ? Token::begin_object : Token::begin_array;
          case '"':
            if (!read_string()) return Token::error;
            return done(Token::string);
          case 't':
            if (!read_literal("rue")) return fail("a bad literal");
            text_ = "true";
            return done(Token::boolean);
          case 'f':
            if (!read_literal("alse")) return fail("a bad literal");
            text_ = "false";
            return done(Token::boolean);
          case 'n':
            if (!read_literal("ull")) return fail("a bad literal");
            text_.clear();
            return done(Token::null);
          default:
            if (c == '-' || (c >= '0' && c <= '9')) {
              if (!read_number(c)) return fail("a bad number");
              return done(Token::number);
            }
            return fail(fmt::format("unexpected character '{}'", c >= 0x20 && c < 0x7F ? static_cast<char>(c) : '?'));
        }
      }
    }
  }
}

bool JsonStream::skip(Token started) {
  if (started != Token::begin_object && started != Token::begin_array) return started != Token::error;
  const int target = depth_ - 1;
  for (;;) {
    Token t = next();
    if (t == Token::error || t == Token::end) return fail("the input ends inside a value"), false;
    if ((t == Token::end_object || t == Token::end_array) && depth_ == target) return true;
  }
}

bool JsonStream::scalar(std::string* out) {
  Token t = next();
  if (t == Token::string || t == Token::number || t == Token::boolean) {
    out->assign(text_);
    return true;
  }
  out->clear();
  skip(t);
  return false;
}

}  // namespace candour
