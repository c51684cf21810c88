// Bulk import of the staff list (CSV: email,display_name,title,department,office,country,
// manager_email,phone,expertise; expertise separated by ';'; header row required; extra
// columns are refused), or of staff records from a directory (LDAP sync: ImportRecords).
// Creates or updates people by e-mail, sets managers by e-mail, and reports every bad row
// by line number (a record's position) and reason. A column the file does not have leaves
// that field untouched (a file of just email,display_name renames and nothing else).
//
// All rows are checked before anything is written. A file with bad rows changes nothing
// unless `import_valid_rows`; `dry_run` only reports. Importing the same file again changes
// nothing (rows are compared with what is stored). `mark_missing_alumni` turns active
// members who are not in the file into alumni. Writes go in batches so other requests keep
// flowing during a large import; progress is reported after each batch.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/identity/admin_service.h"
#include "store/database.h"

namespace agora::people {

struct ImportOptions {
  bool dry_run = false;
  bool import_valid_rows = false;
  bool mark_missing_alumni = false;
  // Called with (steps done, steps total) while applying, on the importing thread.
  std::function<void(size_t, size_t)> progress = nullptr;
  // Asked between batches; true stops the import (what was written so far stays).
  std::function<bool()> cancelled = nullptr;
  // Invites the people the import created to activate their accounts (identity's
  // AccountLinks::Invite), once they all exist; returns how many were invited.
  std::function<std::int64_t(const std::vector<Id>&)> invite = nullptr;
  // With mark_missing_alumni: who counts as missing when absent from the import (id, e-mail
  // key); default every active member. A directory sync names only the people it brought.
  std::function<std::vector<std::pair<Id, std::string>>()> missing_candidates = nullptr;
  bool deactivate_missing = false;  // deactivate the missing instead of making them alumni
  std::string audit_action = "people.import";
};

// One person of a staff list, as a CSV row or a directory entry gives it (text as found;
// the importer checks it).
struct StaffRecord {
  int line = 0;  // CSV line, or position in a directory's answer
  std::string email, display_name, title, department, office, country, manager_email, phone, expertise;
  std::string unreadable;  // set by the source when it could not read the record: reported as is
};
// Which fields the source has: a field it lacks leaves that field of the profile as it is.
struct StaffFields {
  bool title = false, department = false, office = false, country = false, phone = false, expertise = false,
       manager = false;
};

struct RowProblem {
  int line = 0;
  std::string field;
  std::string reason;
};

struct ImportReport {
  size_t rows = 0;
  size_t created = 0;
  size_t updated = 0;
  size_t unchanged = 0;
  size_t skipped = 0;        // bad rows left out (import_valid_rows)
  size_t marked_alumni = 0;  // or deactivated (ImportOptions::deactivate_missing)
  std::int64_t invited = 0;  // invitations to activate queued (ImportOptions::invite)
  bool applied = false;      // false: dry run, or refused because of bad rows
  // Who: e-mail addresses, the first kListed of each (a report, not a log).
  std::vector<std::string> created_people, updated_people, missing_people;
  static constexpr size_t kListed = 1000;
  std::vector<RowProblem> problems;
};

class PeopleImporter {
 public:
  // `bus` hears, after each batch commits, whose accounts and profiles it changed.
  PeopleImporter(agora::store::Database& db, IdGenerator& ids, const Clock& clock, identity::AdminService& admin,
                 bus::Bus* bus = nullptr)
      : db_(db), ids_(ids), clock_(clock), admin_(admin), bus_(bus) {}

  // An Error only for a file that cannot be read as a staff list (not UTF-8, malformed CSV,
  // missing or unknown columns); row problems are in the report.
  Result<ImportReport> Import(std::string_view csv_text, const ImportOptions& options, const identity::Actor& actor);
  Result<ImportReport> ImportRecords(const std::vector<StaffRecord>& records, const StaffFields& fields,
                             const ImportOptions& options, const identity::Actor& actor);

  static constexpr size_t kBatch = 2000;

 private:
  // After a batch committed (nothing when it was a dry run's read).
  void Changed(const std::vector<Id>& people, bool accounts);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  identity::AdminService& admin_;
  bus::Bus* bus_;
};

}  // namespace agora::people
