#include "modules/audit/store.h"

namespace agora::audit {
namespace {
constexpr const char* kInsert =
    "INSERT INTO audit_log (id, actor_id, action, target_kind, target_id, detail, ip, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kForTarget =
    "SELECT id, actor_id, action, target_kind, target_id, detail, ip, created_at FROM audit_log"
    " WHERE target_kind = ? AND target_id = ? ORDER BY id DESC LIMIT ?";
}  // namespace

void Record(agora::store::Connection& c, const Entry& e) {
  c.Prepare(kInsert, e.id, e.actor_id, e.action, e.target_kind, e.target_id, e.detail, e.ip, e.created_at).Run();
}

std::vector<Entry> ForTarget(agora::store::Connection& c, const std::string& kind, Id target_id, int limit) {
  auto q = c.Prepare(kForTarget, kind, target_id, limit);
  std::vector<Entry> out;
  while (q.Next())
    out.push_back({q.Int(0), q.OptInt(1), q.Text(2), q.Text(3), q.OptInt(4), q.Text(5), q.Text(6), q.Int(7)});
  return out;
}

}  // namespace agora::audit
