#include "modules/find/kinds.h"

namespace agora::find {

search::Source ContentSource(const std::string& kind,
                             std::function<std::optional<search::Document>(agora::store::Connection&, Id)> load) {
  search::Source s;
  s.load = std::move(load);
  s.ids = [kind](agora::store::Connection& c, std::int64_t after, int limit) {
    std::vector<std::int64_t> ids;
    auto q = c.Prepare("SELECT id FROM content WHERE kind = ?1 AND id > ?2 ORDER BY id LIMIT ?3", kind, after, limit);
    while (q.Next()) ids.push_back(q.Int(0));
    return ids;
  };
  s.count = [kind](agora::store::Connection& c) {
    auto q = c.Prepare("SELECT COUNT(*) FROM content WHERE kind = ?1", kind);
    return q.Next() ? q.Int(0) : std::int64_t{0};
  };
  return s;
}

search::Source TableSource(const std::string& table,
                           std::function<std::optional<search::Document>(agora::store::Connection&, Id)> load) {
  search::Source s;
  s.load = std::move(load);
  s.ids = [table](agora::store::Connection& c, std::int64_t after, int limit) {
    std::vector<std::int64_t> ids;
    auto q = c.Prepare("SELECT id FROM " + table + " WHERE id > ?1 ORDER BY id LIMIT ?2", after, limit);
    while (q.Next()) ids.push_back(q.Int(0));
    return ids;
  };
  s.count = [table](agora::store::Connection& c) {
    auto q = c.Prepare("SELECT COUNT(*) FROM " + table);
    return q.Next() ? q.Int(0) : std::int64_t{0};
  };
  return s;
}

}  // namespace agora::find
