#include "modules/scim/filter.h"

#include <cctype>
#include <vector>

#include "core/text.h"

namespace agora::scim {

struct FilterNode {
  enum class Kind { kAnd, kOr, kNot, kCompare } kind = Kind::kCompare;
  Filter left, right;   // and/or; not uses left
  std::string path;     // lower case
  std::string op;       // eq ne co sw ew gt lt ge le pr
  boost::json::value value;
};

namespace {

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  Result<Filter> Parse() {
    auto f = Or();
    if (!f) return f.error();
    Skip();
    if (i_ != s_.size()) return Bad("unexpected \"" + std::string(s_.substr(i_, 20)) + "\"");
    return f;
  }

 private:
  Error Bad(const std::string& why) const { return Error{ErrorCode::kMalformed, "invalid filter: " + why, "filter", 0}; }
  void Skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  // A keyword (and, or, not) followed by a space or '('.
  bool Keyword(std::string_view word) {
    Skip();
    if (s_.size() - i_ < word.size()) return false;
    if (text::AsciiLower(s_.substr(i_, word.size())) != word) return false;
    size_t end = i_ + word.size();
    if (end < s_.size() && !std::isspace(static_cast<unsigned char>(s_[end])) && s_[end] != '(') return false;
    i_ = end;
    return true;
  }
  static Filter Join(FilterNode::Kind kind, Filter left, Filter right) {
    auto n = std::make_shared<FilterNode>();
    n->kind = kind;
    n->left = std::move(left);
    n->right = std::move(right);
    return n;
  }
  // Plain Filter locals, not Result<Filter> ones reassigned in a loop: GCC 12 at -O2 with
  // the sanitizers warns (wrongly) that the Error inside such a Result may be uninitialized.
  Result<Filter> Or() {
    auto first = And();
    if (!first) return first.error();
    Filter left = *first;
    while (Keyword("or")) {
      auto right = And();
      if (!right) return right.error();
      left = Join(FilterNode::Kind::kOr, left, *right);
    }
    return left;
  }
  Result<Filter> And() {
    auto first = Term();
    if (!first) return first.error();
    Filter left = *first;
    while (Keyword("and")) {
      auto right = Term();
      if (!right) return right.error();
      left = Join(FilterNode::Kind::kAnd, left, *right);
    }
    return left;
  }
  Result<Filter> Term() {
    if (++depth_ > 32) return Bad("nested too deeply");
    Skip();
    if (Keyword("not")) {
      Skip();
      if (i_ >= s_.size() || s_[i_] != '(') return Bad("not must be followed by (");
      auto inner = Group();
      if (!inner) return inner.error();
      return Join(FilterNode::Kind::kNot, *inner, nullptr);
    }
    if (i_ < s_.size() && s_[i_] == '(') return Group();
    return Comparison();
  }
  Result<Filter> Group() {
    ++i_;  // (
    auto inner = Or();
    if (!inner) return inner.error();
    Skip();
    if (i_ >= s_.size() || s_[i_] != ')') return Bad("a ( is not closed");
    ++i_;
    return inner;
  }
  Result<Filter> Comparison() {
    Skip();
    size_t start = i_;
    while (i_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[i_])) && s_[i_] != '(' && s_[i_] != ')') ++i_;
    if (i_ == start) return Bad("an attribute name is missing");
    auto n = std::make_shared<FilterNode>();
    n->path = text::AsciiLower(s_.substr(start, i_ - start));
    Skip();
    start = i_;
    while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) ++i_;
    n->op = text::AsciiLower(s_.substr(start, i_ - start));
    static const std::vector<std::string> kOps = {"eq", "ne", "co", "sw", "ew", "gt", "lt", "ge", "le", "pr"};
    if (std::find(kOps.begin(), kOps.end(), n->op) == kOps.end()) return Bad("unknown operator \"" + n->op + "\"");
    if (n->op == "pr") return Filter(n);
    Skip();
    if (i_ < s_.size() && s_[i_] == '"') {
      std::string v;
      ++i_;
      while (i_ < s_.size() && s_[i_] != '"') {
        if (s_[i_] == '\\' && i_ + 1 < s_.size()) ++i_;
        v += s_[i_++];
      }
      if (i_ >= s_.size()) return Bad("a string is not closed");
      ++i_;
      n->value = boost::json::string(v);
      return Filter(n);
    }
    start = i_;
    while (i_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[i_])) && s_[i_] != ')') ++i_;
    std::string word = text::AsciiLower(s_.substr(start, i_ - start));
    if (word == "true") n->value = true;
    else if (word == "false") n->value = false;
    else if (word == "null") n->value = nullptr;
    else if (!word.empty() && (std::isdigit(static_cast<unsigned char>(word[0])) || word[0] == '-')) {
      try {
        n->value = std::stod(word);
      } catch (...) {
        return Bad("\"" + word + "\" is not a value");
      }
    } else return Bad("a value is missing after " + n->op);
    return Filter(n);
  }

  std::string_view s_;
  size_t i_ = 0;
  int depth_ = 0;
};

std::string Lower(const boost::json::value& v) {
  if (v.is_string()) return text::Lower(std::string_view(v.as_string()));
  return {};
}

bool Compare(const boost::json::value& have, const std::string& op, const boost::json::value& want) {
  if (want.is_bool() || have.is_bool()) {
    bool h = have.is_bool() ? have.as_bool() : (have.is_string() && text::AsciiLower(std::string_view(have.as_string())) == "true");
    bool w = want.is_bool() ? want.as_bool() : false;
    if (op == "eq") return h == w;
    if (op == "ne") return h != w;
    return false;
  }
  if (!have.is_string() || !want.is_string()) {
    if (op == "eq") return have == want;
    if (op == "ne") return have != want;
    return false;
  }
  std::string h = Lower(have), w = Lower(want);
  if (op == "eq") return h == w;
  if (op == "ne") return h != w;
  if (op == "co") return h.find(w) != std::string::npos;
  if (op == "sw") return h.starts_with(w);
  if (op == "ew") return h.ends_with(w);
  if (op == "gt") return h > w;
  if (op == "lt") return h < w;
  if (op == "ge") return h >= w;
  if (op == "le") return h <= w;
  return false;
}

void Collect(const boost::json::value& v, std::string_view rest, std::vector<boost::json::value>& out) {
  if (v.is_array()) {
    for (const auto& x : v.as_array()) Collect(x, rest, out);
    return;
  }
  if (rest.empty()) {
    out.push_back(v);
    return;
  }
  if (!v.is_object()) return;
  auto dot = rest.find('.');
  auto name = rest.substr(0, dot);
  if (const auto* next = Attribute(v.as_object(), name))
    Collect(*next, dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1), out);
}

}  // namespace

const boost::json::value* Attribute(const boost::json::object& o, std::string_view name) {
  for (const auto& [k, v] : o)
    if (text::AsciiLower(k) == text::AsciiLower(name)) return &v;
  return nullptr;
}

std::string StringAttribute(const boost::json::object& o, std::string_view name) {
  const boost::json::value* v = Attribute(o, name);
  return v && v->is_string() ? std::string(text::Trim(v->as_string())) : std::string();
}

Result<Filter> ParseFilter(std::string_view text) {
  if (text.size() > 4096) return Error{ErrorCode::kMalformed, "invalid filter: longer than 4096 characters", "filter", 0};
  return Parser(text).Parse();
}

std::vector<boost::json::value> ValuesAt(const boost::json::object& resource, std::string_view path) {
  std::vector<boost::json::value> out;
  // An extension's attribute: "urn:...:User:department" is resource["urn:...:User"]["department"].
  std::string lower = text::AsciiLower(path);
  if (lower.starts_with("urn:")) {
    auto colon = path.rfind(':');
    auto schema = path.substr(0, colon);
    if (const auto* ext = Attribute(resource, schema)) Collect(*ext, path.substr(colon + 1), out);
    return out;
  }
  Collect(boost::json::value(resource), path, out);
  return out;
}

bool Matches(const FilterNode& f, const boost::json::object& resource) {
  switch (f.kind) {
    case FilterNode::Kind::kAnd: return Matches(*f.left, resource) && Matches(*f.right, resource);
    case FilterNode::Kind::kOr: return Matches(*f.left, resource) || Matches(*f.right, resource);
    case FilterNode::Kind::kNot: return !Matches(*f.left, resource);
    case FilterNode::Kind::kCompare: break;
  }
  auto values = ValuesAt(resource, f.path);
  if (f.op == "pr") {
    for (const auto& v : values)
      if (!v.is_null() && !(v.is_string() && v.as_string().empty())) return true;
    return false;
  }
  if (f.op == "ne") {  // none of the values equals
    for (const auto& v : values)
      if (Compare(v, "eq", f.value)) return false;
    return true;
  }
  for (const auto& v : values)
    if (Compare(v, f.op, f.value)) return true;
  return false;
}

std::optional<std::pair<std::string, std::string>> SingleEquality(const FilterNode& f) {
  if (f.kind != FilterNode::Kind::kCompare || f.op != "eq" || !f.value.is_string()) return std::nullopt;
  return std::pair{f.path, std::string(f.value.as_string())};
}

}  // namespace agora::scim
