#include "modules/people/importer.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/csv.h"
#include "core/places.h"
#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/identity/service.h"
#include "modules/people/service.h"
#include "modules/people/store.h"

namespace agora::people {
namespace {

const std::vector<std::string> kColumns = {"email",   "display_name",  "title", "department", "office",
                                           "country", "manager_email", "phone", "expertise"};

struct Row {
  int line = 0;
  bool valid = true;
  std::string email, key, name, title, department, office, country, manager_key, phone;
  std::vector<std::string> expertise;
};

bool PlainText(std::string_view v, size_t max) {
  return text::CodePoints(v) <= max && !text::HasControlCharacters(v);
}

// What importing one row does. With `write` false nothing is written (dry run).
struct Outcome {
  bool created = false;
  bool changed = false;
  Id id = 0;  // the account (0: a dry run's new person)
};

Outcome ApplyRow(agora::store::Connection& c, IdGenerator& ids, std::int64_t now, const Row& r, const StaffFields& has,
                 bool write) {
  Outcome out;
  auto account = identity::FindAccountByEmail(c, r.email);
  if (!account) {
    out.created = true;
    if (!write) return out;
    auto user = identity::InsertAccount(c, ids, now, {r.email, r.name, identity::Role::kMember, ""}, std::nullopt);
    if (!user) throw std::runtime_error("import: " + user.error().message);  // validated before; a bug
    account = *user;
  }
  out.id = account->id;
  if (account->display_name != r.name) {
    out.changed = true;
    if (write) (void)identity::RenameAccount(c, account->id, r.name, now);
  }
  auto profile = *store::LoadProfile(c, account->id);
  Profile next = profile;
  if (has.title) next.title = r.title;
  if (has.department) next.department = r.department;
  if (has.office) next.office = r.office;
  if (has.country) next.country = r.country;
  if (has.phone) next.phone = r.phone;
  if (has.expertise) next.expertise = r.expertise;
  std::sort(next.expertise.begin(), next.expertise.end());
  bool profile_changed = next.title != profile.title || next.department != profile.department ||
                         next.office != profile.office || next.country != profile.country ||
                         next.phone != profile.phone || next.expertise != profile.expertise;
  if (profile_changed) {
    out.changed = true;
    if (write) store::SaveProfile(c, next, now);
  }
  return out;
}

}  // namespace

void PeopleImporter::Changed(const std::vector<Id>& people, bool accounts) {
  if (!bus_ || people.empty()) return;
  bus_->Publish({.kind = bus::Event::Kind::kProfileChanged, .people = people});
  if (accounts) bus_->Publish({.kind = bus::Event::Kind::kAccountChanged, .people = people});  // names
}

Result<ImportReport> PeopleImporter::Import(std::string_view csv_text, const ImportOptions& options,
                                            const identity::Actor& actor) {
  if (!text::IsValidUtf8(csv_text)) return Error::Invalid("file", "the file is not UTF-8 text; save it as CSV UTF-8");
  auto records = csv::Parse(csv_text);
  if (!records) return records.error();
  if (records->empty()) return Error::Invalid("file", "the file is empty; the first line must name the columns");

  // Header: known columns in any order; email and display_name required.
  std::unordered_map<std::string, size_t> column;
  const auto& header = (*records)[0].fields;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name = text::AsciiLower(text::Trim(header[i]));
    if (std::find(kColumns.begin(), kColumns.end(), name) == kColumns.end())
      return Error::Invalid("file", "line 1: unknown column \"" + name + "\"; the columns are email, display_name, "
                                    "title, department, office, country, manager_email, phone, expertise");
    if (column.count(name)) return Error::Invalid("file", "line 1: column \"" + name + "\" appears twice");
    column[name] = i;
  }
  for (const char* required : {"email", "display_name"})
    if (!column.count(required)) return Error::Invalid("file", std::string("line 1: the column \"") + required + "\" is missing");

  const StaffFields has{column.count("title") > 0,   column.count("department") > 0, column.count("office") > 0,
                        column.count("country") > 0, column.count("phone") > 0,      column.count("expertise") > 0,
                        column.count("manager_email") > 0};
  std::vector<StaffRecord> staff;
  for (size_t i = 1; i < records->size(); ++i) {
    const auto& rec = (*records)[i];
    StaffRecord s;
    s.line = rec.line;
    if (rec.fields.size() != header.size()) {
      s.unreadable = "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(rec.fields.size());
      staff.push_back(std::move(s));
      continue;
    }
    auto get = [&](const char* name) -> std::string {
      auto it = column.find(name);
      return it == column.end() ? std::string() : rec.fields[it->second];
    };
    s = {rec.line, get("email"), get("display_name"), get("title"), get("department"), get("office"),
         get("country"), get("manager_email"), get("phone"), get("expertise"), {}};
    staff.push_back(std::move(s));
  }
  return ImportRecords(staff, has, options, actor);
}

Result<ImportReport> PeopleImporter::ImportRecords(const std::vector<StaffRecord>& staff, const StaffFields& has,
                                           const ImportOptions& options, const identity::Actor& actor) {
  ImportReport report;
  std::vector<Row> rows;
  std::unordered_map<std::string, size_t> row_of_key;
  for (const auto& rec : staff) {
    Row r;
    r.line = rec.line;
    ++report.rows;
    auto bad = [&](const std::string& field, const std::string& reason) {
      report.problems.push_back({r.line, field, reason});
      r.valid = false;
    };
    if (!rec.unreadable.empty()) {
      bad("", rec.unreadable);
      rows.push_back(std::move(r));
      continue;
    }
    auto trimmed = [](const std::string& v) { return std::string(text::Trim(v)); };
    r.email = trimmed(rec.email);
    r.key = text::EmailKey(r.email);
    if (!text::LooksLikeEmail(r.email)) bad("email", "\"" + r.email + "\" is not an e-mail address");
    else if (auto seen = row_of_key.find(r.key); seen != row_of_key.end())
      bad("email", "the same person as line " + std::to_string(rows[seen->second].line));
    auto name = identity::NormalizeDisplayName(trimmed(rec.display_name));
    if (name) r.name = *name;
    else bad("display_name", name.error().message);
    r.title = trimmed(rec.title);
    r.department = trimmed(rec.department);
    r.office = trimmed(rec.office);
    for (auto [field, value] : {std::pair{"title", &r.title}, {"department", &r.department}, {"office", &r.office}})
      if (!PlainText(*value, 100)) bad(field, std::string(field) + " must be at most 100 characters of text");
    // A code or a name ("Norway", "Norge"), as HR exports write it.
    r.country = trimmed(rec.country);
    if (!r.country.empty()) {
      if (auto code = places::CountryCode(r.country)) r.country = *code;
      else bad("country", "\"" + r.country + "\" is not a country's name or its two-letter code");
    }
    r.phone = trimmed(rec.phone);
    bool phone_ok = r.phone.size() <= 40;
    for (char ch : r.phone) phone_ok = phone_ok && (std::isdigit(static_cast<unsigned char>(ch)) || std::string_view(" +-().").find(ch) != std::string_view::npos);
    if (!phone_ok) bad("phone", "phone may hold digits, spaces and + - ( ) . only");
    std::string manager = trimmed(rec.manager_email);
    if (!manager.empty()) {
      if (!text::LooksLikeEmail(manager)) bad("manager_email", "\"" + manager + "\" is not an e-mail address");
      r.manager_key = text::EmailKey(manager);
      if (r.manager_key == r.key) bad("manager_email", "a person cannot report to themselves");
    }
    std::string tags = trimmed(rec.expertise);
    size_t start = 0;
    while (start <= tags.size() && !tags.empty()) {
      size_t semi = tags.find(';', start);
      std::string_view part = std::string_view(tags).substr(start, semi == std::string::npos ? std::string::npos : semi - start);
      if (!text::Trim(part).empty()) {
        auto tag = NormalizeTag(part);
        if (!tag) bad("expertise", "\"" + std::string(text::Trim(part)) + "\": " + tag.error().message);
        else if (std::find(r.expertise.begin(), r.expertise.end(), *tag) == r.expertise.end()) r.expertise.push_back(*tag);
      }
      if (semi == std::string::npos) break;
      start = semi + 1;
    }
    if (r.expertise.size() > static_cast<size_t>(PeopleService::kMaxExpertise)) bad("expertise", "at most 30 expertise tags");
    if (r.valid || !row_of_key.count(r.key)) row_of_key[r.key] = rows.size();
    rows.push_back(std::move(r));
  }

  // Managers: someone in the file or already on the site; and no loops in the reporting line.
  db_.Read([&](agora::store::Connection& c) {
    std::unordered_map<std::string, std::optional<std::string>> site_manager;  // key -> manager key (site)
    auto site_manager_of = [&](const std::string& key) -> std::optional<std::string> {
      if (auto it = site_manager.find(key); it != site_manager.end()) return it->second;
      std::optional<std::string> result;
      if (auto account = identity::FindAccountByEmail(c, key))
        if (auto m = store::ManagerOf(c, account->id))
          if (auto card = store::LoadProfile(c, *m)) result = text::EmailKey(card->account.email);
      site_manager[key] = result;
      return result;
    };
    for (auto& r : rows) {
      if (!r.valid || r.manager_key.empty()) continue;
      bool in_file = row_of_key.count(r.manager_key) && rows[row_of_key[r.manager_key]].valid;
      if (!in_file && !identity::FindAccountByEmail(c, r.manager_key)) {
        report.problems.push_back({r.line, "manager_email", "no one with this e-mail in the file or on the site"});
        r.valid = false;
        continue;
      }
      std::string up = r.manager_key;
      for (int depth = 0; depth < PeopleService::kMaxChainDepth; ++depth) {
        if (up == r.key) {
          report.problems.push_back({r.line, "manager_email", "this makes a loop in the reporting line"});
          r.valid = false;
          break;
        }
        std::optional<std::string> next;
        if (auto it = row_of_key.find(up); it != row_of_key.end() && rows[it->second].valid) {
          if (!rows[it->second].manager_key.empty()) next = rows[it->second].manager_key;
        } else {
          next = site_manager_of(up);
        }
        if (!next) break;
        up = *next;
      }
    }
  });
  std::sort(report.problems.begin(), report.problems.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
  for (const auto& r : rows) report.skipped += r.valid ? 0 : 1;

  bool refuse = !report.problems.empty() && !options.import_valid_rows;
  bool write = !options.dry_run && !refuse;
  std::vector<const Row*> good;
  for (const auto& r : rows)
    if (r.valid) good.push_back(&r);
  if (refuse) {
    report.applied = false;
    return report;
  }

  // Pass 1: accounts and profiles, batch by batch. Pass 2: managers (everyone exists now).
  std::vector<bool> changed(good.size(), false);
  std::vector<bool> created(good.size(), false);
  std::vector<Id> created_ids;
  const size_t total = good.size() * 2;
  for (size_t begin = 0; begin < good.size(); begin += kBatch) {
    size_t end = std::min(good.size(), begin + kBatch);
    std::vector<Id> batch_changed, batch_new;
    size_t batch_created = 0;
    auto run = [&](agora::store::Connection& c) {
      batch_changed.clear();  // a retried transaction starts again
      batch_new.clear();
      batch_created = 0;
      auto now = clock_.NowMs();
      for (size_t i = begin; i < end; ++i) {
        auto o = ApplyRow(c, ids_, now, *good[i], has, write);
        batch_created += o.created;
        created[i] = o.created;
        changed[i] = !o.created && o.changed;
        if (changed[i]) batch_changed.push_back(o.id);
        if (o.created && write) batch_new.push_back(o.id);
      }
    };
    if (write) db_.Write(run);
    else db_.Read(run);
    report.created += batch_created;
    created_ids.insert(created_ids.end(), batch_new.begin(), batch_new.end());
    if (write) Changed(batch_changed, /*accounts=*/true);
    if (options.progress) options.progress(end, total);
    if (options.cancelled && options.cancelled()) return Error{ErrorCode::kUnavailable, "the import was stopped (the server is shutting down); run it again", {}, 0};
  }
  for (size_t begin = 0; has.manager && begin < good.size(); begin += kBatch) {
    size_t end = std::min(good.size(), begin + kBatch);
    std::vector<Id> batch_changed;
    auto run = [&](agora::store::Connection& c) {
      batch_changed.clear();
      auto now = clock_.NowMs();
      for (size_t i = begin; i < end; ++i) {
        const Row& r = *good[i];
        auto account = identity::FindAccountByEmail(c, r.email);
        if (!account) continue;  // dry run: a person the file would create
        std::optional<Id> manager;
        if (!r.manager_key.empty()) {
          auto m = identity::FindAccountByEmail(c, r.manager_key);
          if (!m) {  // dry run: a manager the file would create
            changed[i] = !created[i];
            continue;
          }
          manager = m->id;
        }
        // One statement: compare and set (a whole profile load and save per row was a third
        // of a large import).
        if (store::ManagerOf(c, account->id) == manager) continue;
        if (!created[i]) changed[i] = true;
        if (write) store::SetManager(c, account->id, manager, now);
        batch_changed.push_back(account->id);
      }
    };
    if (write) db_.Write(run);
    else db_.Read(run);
    if (write) Changed(batch_changed, /*accounts=*/false);
    if (options.progress) options.progress(good.size() + end, total);
  }
  for (size_t i = 0; i < good.size(); ++i) {
    report.updated += changed[i];
    auto& list = created[i] ? report.created_people : report.updated_people;
    if ((created[i] || changed[i]) && list.size() < ImportReport::kListed) list.push_back(good[i]->email);
  }
  report.unchanged = good.size() - report.created - report.updated;

  if (options.mark_missing_alumni) {
    std::unordered_set<std::string> in_file;
    for (const auto& r : rows) in_file.insert(r.key);
    auto members = options.missing_candidates ? options.missing_candidates()
                                              : db_.Read([](auto& c) { return store::ActiveMemberKeys(c); });
    for (const auto& [id, key] : members) {
      if (in_file.count(key)) continue;
      ++report.marked_alumni;
      if (report.missing_people.size() < ImportReport::kListed) report.missing_people.push_back(key);
      if (!write) continue;
      if (options.deactivate_missing) (void)admin_.UpdateUser(actor, id, {.active = false});
      else (void)admin_.UpdateUser(actor, id, {.role = identity::Role::kAlumnus});
    }
  }
  report.applied = write;
  if (write && options.invite && !created_ids.empty()) report.invited = options.invite(created_ids);
  if (write) {
    db_.Write([&](agora::store::Connection& c) {
      boost::json::object detail{{"rows", report.rows},       {"created", report.created},
                                 {"updated", report.updated}, {"unchanged", report.unchanged},
                                 {"skipped", report.skipped}, {"marked_alumni", report.marked_alumni},
                                 {"invited", report.invited}};
      audit::Record(c, {ids_.Next(), actor.user_id, options.audit_action, "", std::nullopt, boost::json::serialize(detail),
                        actor.ip, clock_.NowMs()});
    });
  }
  return report;
}

}  // namespace agora::people
