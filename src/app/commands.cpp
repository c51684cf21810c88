#include "search/indexer.h"
#include "app/commands.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <unistd.h>

#include "app/app.h"
#include "core/crypto.h"
#include "core/log.h"
#include "modules/ldap/sync.h"
#include "modules/media/blob_store.h"
#include "modules/media/image.h"
#include "modules/people/importer.h"
#include "modules/people/photos.h"
#include "modules/scim/tokens.h"
#include "modules/seed/blogs.h"
#include "modules/seed/wiki.h"
#include "modules/seed/communities.h"
#include "modules/seed/content.h"
#include "modules/seed/seed.h"
#include "store/copy.h"
#include "store/migrations.h"

extern char** environ;

namespace agora::app {
namespace {

struct Common {
  std::string config_file;
  std::string data_dir;
  std::string listen;
};

void AddCommon(CLI::App* cmd, Common& c) {
  cmd->add_option("--config", c.config_file, "TOML configuration file")->check(CLI::ExistingFile);
  cmd->add_option("--data", c.data_dir, "data directory (default ./data)");
}

Result<Config> LoadConfig(const Common& c) {
  Config config;
  if (!c.config_file.empty()) {
    auto st = ApplyConfigFile(config, c.config_file);
    if (!st) return st.error();
  }
  if (auto st = ApplyEnvironment(config, environ); !st) return st.error();
  if (!c.data_dir.empty()) config.data_dir = c.data_dir;
  if (!c.listen.empty()) {
    if (auto st = ApplySetting(config, "http.listen", c.listen); !st) return st.error();
  }
  return config;
}

int Fail(const Error& e) {
  std::fprintf(stderr, "agora: %s\n", e.message.c_str());
  return 1;
}

Result<std::unique_ptr<App>> Open(const Common& c, bool migrate = true) {
  auto config = LoadConfig(c);
  if (!config) return config.error();
  log::Init(config->log_level);
  return OpenApp(*config, migrate);
}

std::string ReadPasswordFromStdin() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Runs the import with a progress bar on stderr (when it is a terminal) and prints the
// report. Exit 0 when the file was fine, 1 when rows or the file had problems.
int ImportPeople(App& a, const identity::Actor& actor, const std::string& file, people::ImportOptions options, bool invite) {
  if (invite) options.invite = [&a, actor](const std::vector<Id>& ids) { return a.links->InviteMany(actor, ids); };
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bool tty = ::isatty(STDERR_FILENO);
  options.progress = [tty](size_t done, size_t total) {
    if (!tty || total == 0) return;
    int width = 40, filled = static_cast<int>(width * done / total);
    std::fprintf(stderr, "\r  [%s%s] %3zu%%", std::string(static_cast<size_t>(filled), '#').c_str(),
                 std::string(static_cast<size_t>(width - filled), ' ').c_str(), done * 100 / total);
    std::fflush(stderr);
  };
  people::PeopleImporter importer(*a.db, *a.ids, a.clock, *a.admin);
  auto report = importer.Import(text, options, actor);
  if (tty) std::fprintf(stderr, "\n");
  if (!report) return Fail(report.error());
  const auto& r = *report;
  for (const auto& p : r.problems)
    std::printf("line %d%s%s: %s\n", p.line, p.field.empty() ? "" : ", ", p.field.c_str(), p.reason.c_str());
  const char* verb = r.applied ? "" : "would be ";
  std::printf("%zu rows: %zu %screated, %zu %supdated, %zu unchanged, %zu bad%s", r.rows, r.created, verb, r.updated, verb,
              r.unchanged, r.skipped, options.mark_missing_alumni ? "" : "\n");
  if (options.mark_missing_alumni) std::printf(", %zu %smarked alumni\n", r.marked_alumni, verb);
  if (r.invited > 0) std::printf("%lld invitations to activate queued (the server sends them).\n", static_cast<long long>(r.invited));
  if (!r.problems.empty() && !options.import_valid_rows && !options.dry_run)
    std::printf("Nothing was changed because of the bad rows. Fix them, or use --import-valid-rows.\n");
  else if (options.dry_run)
    std::printf("Dry run: nothing was changed.\n");
  return r.problems.empty() ? 0 : 1;
}

// agora admin ldap-sync: one directory sync with a progress bar on stderr (a line per stage
// when it is not a terminal), then the report. Exit 0 when every entry was taken, 1 when
// some were left out or failed.
int LdapSyncCommand(App& a, const identity::Actor& actor, bool dry_run) {
  if (auto st = ldap::LdapSync::Validate(a.config.ldap); !st) return Fail(st.error());
  media::InitImages();
  media::BlobStore media_files((std::filesystem::path(a.config.data_dir) / "media").string());
  people::PhotoService photos(*a.db, *a.ids, media_files, a.clock, nullptr);
  ldap::LdapSync sync(*a.db, *a.ids, a.clock, *a.admin, &photos, a.config.ldap);
  const bool tty = ::isatty(STDERR_FILENO);
  std::string last_stage;
  ldap::SyncOptions options;
  options.dry_run = dry_run;
  options.started_by = "cli";
  options.progress = [&](const ldap::SyncProgress& p) {
    if (!tty) {
      if (p.stage != last_stage) std::fprintf(stderr, "ldap-sync: %s...\n", p.stage.c_str());
      last_stage = p.stage;
      return;
    }
    if (p.stage != last_stage && !last_stage.empty()) std::fprintf(stderr, "\n");
    last_stage = p.stage;
    if (p.total == 0) {
      std::fprintf(stderr, "\r  %-8s %zu entries", p.stage.c_str(), p.done);
    } else {
      int width = 40, filled = static_cast<int>(width * p.done / p.total);
      std::fprintf(stderr, "\r  %-8s [%s%s] %3zu%%", p.stage.c_str(), std::string(static_cast<size_t>(filled), '#').c_str(),
                   std::string(static_cast<size_t>(width - filled), ' ').c_str(), p.done * 100 / p.total);
    }
    std::fflush(stderr);
  };
  auto report = sync.Run(options, actor);
  if (tty) std::fprintf(stderr, "\n");
  if (!report) return Fail(report.error());
  const auto& r = *report;
  for (const auto& p : r.problems) std::printf("%s\n", p.c_str());
  const char* verb = r.dry_run ? "would be " : "";
  std::printf("%zu entries: %zu %screated, %zu %supdated, %zu unchanged, %zu left out", r.entries, r.people.created, verb,
              r.people.updated, verb, r.people.unchanged, r.people.skipped + r.without_email);
  if (a.config.ldap.missing != "keep")
    std::printf(", %zu no longer listed %s%s", r.people.marked_alumni, verb,
                a.config.ldap.missing == "deactivate" ? "deactivated" : "made alumni");
  std::printf("\n");
  if (r.emails_changed) std::printf("%zu addresses changed\n", r.emails_changed);
  if (r.photos_updated || r.photos_failed) std::printf("%zu photos updated, %zu could not be read\n", r.photos_updated, r.photos_failed);
  std::printf("%s in %.1f s\n", r.dry_run ? "Dry run: nothing was changed" : "Done", (r.finished_at - r.started_at) / 1000.0);
  return r.problems.empty() ? 0 : 1;
}

// agora db copy: the source is always the SQLite file in the data directory, whatever
// database.url says (it may already name the target, for the server's next start).
int CopyToPostgres(const Common& common, const std::string& to_url) {
  if (!store::IsPostgresUrl(to_url))
    return Fail(Error::Invalid("to", "--to must be a PostgreSQL connection string (postgresql://user@host/db)"));
  auto config = LoadConfig(common);
  if (!config) return Fail(config.error());
  log::Init(config->log_level == "info" ? "warn" : config->log_level);
  const std::string path = DatabasePath(*config);
  if (!std::filesystem::exists(path)) return Fail(Error::NotFound("there is no SQLite database at " + path));
  std::unique_ptr<store::Database> from, to;
  try {
    from = store::Database::Open({path});
    store::DatabaseOptions target;
    target.url = to_url;
    to = store::Database::Open(target);
  } catch (const store::DatabaseError& e) {
    return Fail(Error::Busy(e.what(), 0));
  }
  for (auto* db : {from.get(), to.get()}) {
    auto report = store::Migrate(*db);
    if (!report) return Fail(report.error());
  }
  std::fprintf(stderr, "copying %s into %s\n", path.c_str(), to->Describe().c_str());
  const bool tty = ::isatty(STDERR_FILENO);
  std::string current;
  store::CopyProgress progress;
  progress.on_rows = [&](const std::string& table, std::int64_t done, std::int64_t total) {
    if (tty) {
      const int width = 30;
      const int filled = total ? static_cast<int>(width * done / total) : width;
      std::fprintf(stderr, "\r  %-22s [%s%s] %lld / %lld", table.c_str(), std::string(static_cast<size_t>(filled), '#').c_str(),
                   std::string(static_cast<size_t>(width - filled), ' ').c_str(), static_cast<long long>(done),
                   static_cast<long long>(total));
      if (done == total) std::fprintf(stderr, "\n");
    } else if (done == total && table != current) {
      std::fprintf(stderr, "  %-22s %lld rows\n", table.c_str(), static_cast<long long>(total));
    }
    if (done == total) current = table;
    std::fflush(stderr);
  };
  Result<store::CopyReport> report = Error::Internal("not run");
  try {
    report = store::CopyDatabase(*from, *to, progress);
  } catch (const store::DatabaseError& e) {
    return Fail(Error::Internal(std::string("the copy failed and was rolled back: ") + e.what()));
  }
  if (!report) return Fail(report.error());
  std::printf("copied %lld rows in %zu tables in %.1f s (%.0f rows/s); every table's row count matches\n",
              static_cast<long long>(report->rows), report->tables.size(), report->seconds,
              report->seconds > 0 ? static_cast<double>(report->rows) / report->seconds : 0.0);
  std::printf("media files stay in %s/media: keep data_dir (or copy it to the new server), and give every node the same\n"
              "media directory (a shared mount) when several nodes serve one database\n",
              config->data_dir.c_str());
  std::printf("next: set database.url (AGORA_DATABASE_URL) to the PostgreSQL connection string and start the server\n");
  return 0;
}

}  // namespace

int RunCommandLine(int argc, char** argv) {
  crypto::InitCrypto();
  CLI::App cli{"Agora: a self-hosted social intranet in one binary."};
  cli.require_subcommand(1);
  Common common;

  auto* serve = cli.add_subcommand("serve", "run the web server");
  AddCommon(serve, common);
  serve->add_option("--listen", common.listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");

  auto* admin = cli.add_subcommand("admin", "manage accounts from the command line");
  admin->require_subcommand(1);
  std::string email, name, role_text = "member";
  bool password_stdin = false;
  auto* create = admin->add_subcommand("create-user", "create an account");
  AddCommon(create, common);
  create->add_option("--email", email, "e-mail address")->required();
  create->add_option("--name", name, "display name")->required();
  create->add_option("--role", role_text, "member, guest, alumnus or admin")->check(CLI::IsMember({"member", "guest", "alumnus", "admin"}));
  create->add_flag("--password-stdin", password_stdin, "read the password from standard input (one line)");
  auto* set_role = admin->add_subcommand("set-role", "change an account's role");
  AddCommon(set_role, common);
  set_role->add_option("--email", email, "e-mail address")->required();
  set_role->add_option("--role", role_text, "member, guest, alumnus or admin")->required()->check(CLI::IsMember({"member", "guest", "alumnus", "admin"}));
  auto* deactivate = admin->add_subcommand("deactivate", "deactivate an account and end its sessions");
  AddCommon(deactivate, common);
  deactivate->add_option("--email", email, "e-mail address")->required();
  auto* set_password = admin->add_subcommand("set-password", "set an account's password (read from standard input) and end its sessions");
  AddCommon(set_password, common);
  set_password->add_option("--email", email, "e-mail address")->required();
  set_password->add_flag("--password-stdin", password_stdin, "read the password from standard input (one line)")->required();
  auto* reactivate = admin->add_subcommand("reactivate", "reactivate a deactivated account");
  AddCommon(reactivate, common);
  reactivate->add_option("--email", email, "e-mail address")->required();

  auto* import_people = admin->add_subcommand("import-people", "create or update people from a staff list (CSV)");
  AddCommon(import_people, common);
  std::string csv_file;
  bool dry_run = false, import_valid_rows = false, mark_missing_alumni = false, invite = false;
  import_people->add_option("FILE", csv_file, "CSV: email,display_name,title,department,office,country,manager_email,phone,expertise")
      ->required()->check(CLI::ExistingFile);
  import_people->add_flag("--dry-run", dry_run, "check and report only; change nothing");
  import_people->add_flag("--import-valid-rows", import_valid_rows, "import the good rows even if some rows are bad");
  import_people->add_flag("--mark-missing-alumni", mark_missing_alumni, "make active members missing from the file alumni");
  import_people->add_flag("--invite", invite,
                          "mail the people it creates a link to activate their accounts (sent by the running server)");

  auto* ldap_sync = admin->add_subcommand("ldap-sync", "sync people from the LDAP / Active Directory directory ([ldap] settings)");
  AddCommon(ldap_sync, common);
  bool ldap_dry_run = false;
  ldap_sync->add_flag("--dry-run", ldap_dry_run, "report what a sync would change; change nothing");

  auto* scim_token = admin->add_subcommand("scim-token", "make a SCIM token for an identity provider (printed once)");
  AddCommon(scim_token, common);
  std::string scim_token_name;
  scim_token->add_option("--name", scim_token_name, "which identity provider uses it (e.g. \"Entra ID\")")->required();

  auto* seed = cli.add_subcommand("seed", "fill an empty database with a synthetic organization (demos, benchmarks)");
  AddCommon(seed, common);
  agora::seed::SeedOptions seed_options;
  auto* people_opt = seed->add_option("--people", seed_options.people, "how many people (default 1000 when --posts is not given)")
                         ->check(CLI::Range(1, 5000000));
  agora::seed::ContentOptions content_options;
  auto* posts_opt = seed->add_option("--posts", content_options.posts,
                                     "add this many posts with comments and reactions (to the people seeded now or before)")
                        ->check(CLI::Range(0, 100000000));
  seed->add_option("--seed", seed_options.seed, "random seed: the same seed gives the same organization");
  agora::seed::CommunityOptions community_options;
  auto* community_opt = seed->add_option("--community-members", community_options.members,
                                         "add one open community whose members are the first N seeded people");
  seed->add_option("--community-posts", community_options.posts, "with --community-members: posts in that community");
  agora::seed::BlogOptions blog_options;
  auto* blogs_opt = seed->add_option("--blogs", blog_options.blogs,
                                     "add this many blogs: seven in ten the seeded people's own, the rest shared team blogs");
  seed->add_option("--blog-entries", blog_options.entries, "with --blogs: published entries in them");
  agora::seed::WikiOptions wiki_options;
  auto* wiki_opt = seed->add_option("--wiki-spaces", wiki_options.spaces, "add this many wiki spaces of the organization");
  seed->add_option("--wiki-pages", wiki_options.pages, "with --wiki-spaces: pages in them, linking to each other");
  seed->add_option("--wiki-revisions", wiki_options.revisions, "with --wiki-spaces: revisions of those pages in all (default one each)");

  auto* reindex = cli.add_subcommand("reindex", "rebuild the search index from the database (stop the server first)");
  AddCommon(reindex, common);

  auto* migrate = cli.add_subcommand("migrate", "apply pending database migrations and exit");
  AddCommon(migrate, common);
  std::string file;
  auto* backup = cli.add_subcommand("backup", "write a consistent copy of the database (safe while serving)");
  AddCommon(backup, common);
  backup->add_option("FILE", file, "where to write the backup")->required();
  auto* restore = cli.add_subcommand("restore", "replace the database with a backup");
  AddCommon(restore, common);
  restore->add_option("FILE", file, "the backup to restore")->required()->check(CLI::ExistingFile);
  auto* check = cli.add_subcommand("check", "check the database's integrity (pages, indexes, foreign keys) and exit");
  AddCommon(check, common);
  auto* db = cli.add_subcommand("db", "move the database to another engine");
  auto* db_copy = db->add_subcommand("copy", "copy the SQLite database of --data into an empty PostgreSQL database "
                                             "(stop the server first)");
  AddCommon(db_copy, common);
  std::string copy_to;
  db_copy->add_option("--to", copy_to, "the PostgreSQL connection string (postgresql://user@host/db)")->required();
  db->require_subcommand(1);
  auto* version = cli.add_subcommand("version", "print the version");
  AddCommon(version, common);

  CLI11_PARSE(cli, argc, argv);

  if (version->parsed()) {
    std::printf("agora %s\n", AGORA_VERSION);
    return 0;
  }
  if (backup->parsed()) {
    auto app = Open(common, false);
    if (!app) return Fail(app.error());
    try {
      (*app)->db->BackupTo(file);
    } catch (const std::exception& e) {
      return Fail(Error::Internal(e.what()));
    }
    std::printf("backup written to %s\n", file.c_str());
    return 0;
  }
  if (db_copy->parsed()) return CopyToPostgres(common, copy_to);
  if (check->parsed()) {
    auto app = Open(common, false);
    if (!app) return Fail(app.error());
    auto problems = (*app)->db->IntegrityProblems();
    for (const auto& p : problems) std::fprintf(stderr, "agora: %s\n", p.c_str());
    if (!problems.empty()) {
      std::fprintf(stderr, "agora: %s has %zu integrity problems; restore the latest backup (agora restore)\n",
                   (*app)->db->Describe().c_str(), problems.size());
      return 1;
    }
    std::printf("database %s: integrity ok\n", (*app)->db->Describe().c_str());
    return 0;
  }
  if (restore->parsed()) {
    auto app = Open(common, false);
    if (!app) return Fail(app.error());
    if (auto problem = (*app)->db->CheckBackup(file)) return Fail(Error::Invalid("FILE", *problem));
    try {
      (*app)->db->RestoreFrom(file);
    } catch (const std::exception& e) {
      return Fail(Error::Internal(e.what()));
    }
    auto report = store::Migrate(*(*app)->db);
    if (!report) return Fail(report.error());
    // The search index described the database as it was: the indexer builds it anew (a
    // running server at once, else when it starts).
    (*app)->db->Write([](store::Connection& c) {
      c.Prepare("INSERT INTO search_queue (doc_key) VALUES (?1)", std::string_view(search::Indexer::kRebuildKey)).Run();
    });
    std::printf("restored %s into %s (schema version %d); the search index is rebuilt from it\n", file.c_str(),
                (*app)->db->Describe().c_str(), report->to_version);
    return 0;
  }

  auto app = Open(common);
  if (!app) return Fail(app.error());
  auto& a = **app;
  if (serve->parsed()) return Serve(a);
  if (reindex->parsed()) return Reindex(a);
  if (seed->parsed()) {
    bool tty = ::isatty(STDERR_FILENO);
    std::string last_stage;
    auto started = std::chrono::steady_clock::now();
    seed_options.progress = [&](const std::string& stage, std::int64_t done, std::int64_t total) {
      if (!tty) {  // a log: one line per stage, with the time so far
        if (stage != last_stage)
          std::fprintf(stderr, "seeding %s... (at %.1f s)\n", stage.c_str(),
                       std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        last_stage = stage;
        return;
      }
      std::fprintf(stderr, "\r  %-9s %3lld%%", stage.c_str(), static_cast<long long>(total ? done * 100 / total : 0));
      if (done == total) std::fprintf(stderr, "\n");
      std::fflush(stderr);
    };
    if (people_opt->count() > 0 ||
        (posts_opt->count() == 0 && community_opt->count() == 0 && blogs_opt->count() == 0 && wiki_opt->count() == 0)) {
      auto report = agora::seed::SeedOrganization(*a.db, *a.ids, a.clock, seed_options);
      if (!report) return Fail(report.error());
      auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::printf("seeded %lld people (%d levels), %lld expertise tags, %lld follows in %.1f s\n",
                  static_cast<long long>(report->people), report->depth, static_cast<long long>(report->expertise),
                  static_cast<long long>(report->follows), seconds);
    }
    if (content_options.posts > 0) {
      auto content_started = std::chrono::steady_clock::now();
      content_options.seed = seed_options.seed;
      content_options.node = a.config.node_id;
      content_options.progress = seed_options.progress;
      auto report = agora::seed::SeedContent(*a.db, a.clock, content_options);
      if (!report) return Fail(report.error());
      auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - content_started).count();
      std::printf("seeded %lld posts, %lld comments, %lld reactions in %.1f s\n", static_cast<long long>(report->posts),
                  static_cast<long long>(report->comments), static_cast<long long>(report->reactions), seconds);
    }
    if (community_opt->count() > 0) {
      auto community_started = std::chrono::steady_clock::now();
      community_options.seed = seed_options.seed;
      community_options.node = a.config.node_id;
      auto report = agora::seed::SeedCommunity(*a.db, a.clock, community_options);
      if (!report) return Fail(report.error());
      std::printf("seeded community %s (seed-everyone) with %lld members and %lld posts in %.1f s\n",
                  IdToString(report->community).c_str(), static_cast<long long>(report->members),
                  static_cast<long long>(report->posts),
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - community_started).count());
    }
    if (blogs_opt->count() > 0) {
      auto blogs_started = std::chrono::steady_clock::now();
      blog_options.seed = seed_options.seed;
      blog_options.node = a.config.node_id;
      blog_options.progress = seed_options.progress;
      auto report = agora::seed::SeedBlogs(*a.db, a.clock, blog_options);
      if (!report) return Fail(report.error());
      std::printf("seeded %lld blogs (%lld personal, %lld public) with %lld entries in %.1f s\n",
                  static_cast<long long>(report->blogs), static_cast<long long>(report->personal),
                  static_cast<long long>(report->public_blogs), static_cast<long long>(report->entries),
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - blogs_started).count());
    }
    if (wiki_opt->count() > 0) {
      auto wiki_started = std::chrono::steady_clock::now();
      wiki_options.seed = seed_options.seed;
      wiki_options.node = a.config.node_id;
      wiki_options.progress = seed_options.progress;
      auto report = agora::seed::SeedWiki(*a.db, a.clock, wiki_options);
      if (!report) return Fail(report.error());
      std::printf("seeded %lld wiki spaces with %lld pages, %lld revisions and %lld links in %.1f s\n",
                  static_cast<long long>(report->spaces), static_cast<long long>(report->pages),
                  static_cast<long long>(report->revisions), static_cast<long long>(report->links),
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - wiki_started).count());
    }
    return 0;
  }
  if (migrate->parsed()) {
    std::printf("database schema is at version %d\n", store::EmbeddedMigrations().back().version);
    return 0;
  }
  identity::Actor cli_actor{std::nullopt, "cli"};
  if (import_people->parsed())
    return ImportPeople(a, cli_actor, csv_file,
                        {.dry_run = dry_run, .import_valid_rows = import_valid_rows, .mark_missing_alumni = mark_missing_alumni},
                        invite);
  if (ldap_sync->parsed()) return LdapSyncCommand(a, cli_actor, ldap_dry_run);
  if (scim_token->parsed()) {
    scim::ScimTokens tokens(*a.db, *a.ids, a.clock);
    auto made = tokens.Create(cli_actor, scim_token_name);
    if (!made) return Fail(made.error());
    std::printf("%s\n", made->second.c_str());
    std::fprintf(stderr, "SCIM token \"%s\" made. The identity provider's SCIM base URL is <public URL>/scim/v2; the token\n"
                         "is shown only now (revoke it in People admin).\n", made->first.name.c_str());
    return 0;
  }
  if (create->parsed()) {
    identity::NewAccount account{email, name, *identity::ParseRole(role_text), {}};
    if (password_stdin) account.password = ReadPasswordFromStdin();
    auto user = a.admin->CreateUser(cli_actor, account);
    if (!user) return Fail(user.error());
    std::printf("created %s <%s> as %s (id %s, handle %s)\n", user->display_name.c_str(), user->email.c_str(),
                std::string(identity::RoleName(user->role)).c_str(), IdToString(user->id).c_str(), user->handle.c_str());
    return 0;
  }
  auto target = a.admin->FindByEmail(email);
  if (!target) return Fail(target.error());
  identity::UserChange change;
  if (set_role->parsed()) change.role = identity::ParseRole(role_text);
  if (deactivate->parsed()) change.active = false;
  if (reactivate->parsed()) change.active = true;
  if (set_password->parsed()) change.password = ReadPasswordFromStdin();
  auto user = a.admin->UpdateUser(cli_actor, target->id, change);
  if (!user) return Fail(user.error());
  std::printf("%s <%s>: role %s, %s\n", user->display_name.c_str(), user->email.c_str(),
              std::string(identity::RoleName(user->role)).c_str(), user->active ? "active" : "deactivated");
  return 0;
}

}  // namespace agora::app
