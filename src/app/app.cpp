#include "app/app.h"

#include <sys/stat.h>
#include <chrono>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <thread>
#include <fstream>
#include <iostream>

#include "bus/bus.h"
#include "core/log.h"
#include "live/api.h"
#include "live/push.h"
#include "core/ticker.h"
#include "live/stream_hub.h"
#include "core/metrics.h"
#include "http/http_metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"
#include "modules/identity/account_mails.h"
#include "modules/identity/api.h"
#include "modules/sso/api.h"
#include "modules/ldap/api.h"
#include "modules/scim/api.h"
#include "modules/mail/api.h"
#include "modules/mail/worker.h"
#include "modules/identity/auth_cache.h"
#include "modules/media/image.h"
#include "modules/comments/api.h"
#include "modules/content/preview_api.h"
#include "modules/communities/api.h"
#include "modules/atom/api.h"
#include "modules/blogs/api.h"
#include "modules/blogs/comment_moderation.h"
#include "modules/blogs/feeds_api.h"
#include "modules/blogs/home_feed.h"
#include "modules/blogs/public_api.h"
#include "modules/blogs/scheduler.h"
#include "modules/wiki/api.h"
#include "modules/wiki/home_feed.h"
#include "modules/wiki/export_api.h"
#include "modules/wiki/import_api.h"
#include "modules/wiki/presence_api.h"
#include "modules/wiki/watch.h"
#include "modules/wiki/service.h"
#include "modules/forum/api.h"
#include "modules/feed/api.h"
#include "modules/files/api.h"
#include "modules/images/api.h"
#include "modules/feed/service.h"
#include "modules/find/api.h"
#include "modules/find/service.h"
#include "search/indexer.h"
#include "modules/notifications/api.h"
#include "modules/notifications/mails.h"
#include "modules/people/api.h"
#include "modules/posts/api.h"
#include "modules/posts/service.h"
#include "modules/reactions/service.h"
#include "modules/people/importer.h"
#include "modules/system/api.h"
#include "store/migrations.h"

namespace agora::app {

std::string DatabasePath(const Config& config) { return (std::filesystem::path(config.data_dir) / "agora.db").string(); }

Result<std::unique_ptr<App>> OpenApp(const Config& config, bool migrate) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(config.data_dir, ec);
  if (ec) return Error::Internal("cannot create the data directory " + config.data_dir + ": " + ec.message());
  ::chmod(config.data_dir.c_str(), 0700);  // the database holds password hashes
  auto app = std::make_unique<App>();
  app->config = config;
  app->ids = std::make_unique<IdGenerator>(config.node_id);
  try {
    store::DatabaseOptions options;
    options.url = config.database.url;
    options.path = DatabasePath(config);
    options.statement_timeout_ms = config.database.statement_timeout_ms;
    app->db = store::Database::Open(options);
  } catch (const store::DatabaseError& e) {
    return Error::Internal(e.what());
  }
  if (migrate) {
    auto report = store::Migrate(*app->db);
    if (!report) return report.error();
    for (const auto& name : report->applied) log::Info("migration applied", {{"name", name}});
  }
  app->events = std::make_unique<bus::Bus>();
  app->events->Apply(identity::auth_cache::Apply);
  app->identity = std::make_unique<identity::IdentityService>(*app->db, *app->ids, app->clock, app->config.auth, app->events.get());
  app->admin = std::make_unique<identity::AdminService>(*app->db, *app->ids, app->clock, app->identity->hasher(), app->events.get());
  app->links = std::make_unique<identity::AccountLinks>(*app->db, *app->ids, app->clock, *app->identity, app->events.get());
  app->unsubscribe = std::make_unique<notifications::UnsubscribeLinks>(*app->db);
  app->two_factor = std::make_unique<identity::TwoFactor>(
      *app->db, *app->ids, app->clock, *app->identity, config.mail.organization.empty() ? "Agora" : config.mail.organization,
      app->events.get());
  return app;
}

std::string SearchIndexPath(const Config& config) { return (std::filesystem::path(config.data_dir) / "search").string(); }

int Reindex(App& app) {
  namespace fs = std::filesystem;
  const std::string path = SearchIndexPath(app.config);
  try {
    search::Index running(path);  // fails while a server holds it
  } catch (const std::exception& e) {
    std::fprintf(stderr, "agora: the search index is in use (%s): stop the server first\n", e.what());
    return 1;
  }
  const std::string fresh = path + ".new", old = path + ".old";
  std::error_code ec;
  fs::remove_all(fresh, ec);
  const bool tty = ::isatty(STDERR_FILENO);
  const auto started = std::chrono::steady_clock::now();
  std::int64_t documents = 0;
  {
    search::Index index(fresh);
    search::Indexer indexer(*app.db, index);
    const auto kinds = find::AllKinds();
    for (const auto& [name, kind] : kinds) indexer.Register(name, kind.source);
    int last_percent = -1;
    documents = indexer.Rebuild([&](const search::Progress& p) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const int percent = p.total ? static_cast<int>(p.done * 100 / p.total) : 100;
      if (!tty && percent / 10 == last_percent / 10) return;  // a log: a line per tenth
      last_percent = percent;
      const int filled = percent / 5;
      std::fprintf(stderr, "%s[%s%s] %3d%%  %lld/%lld documents  %.0f/s  (%s)%s", tty ? "\r" : "",
                   std::string(static_cast<size_t>(filled), '#').c_str(), std::string(static_cast<size_t>(20 - filled), ' ').c_str(),
                   percent, static_cast<long long>(p.done), static_cast<long long>(p.total), seconds > 0 ? p.done / seconds : 0.0,
                   p.kind.c_str(), tty ? "" : "\n");
      std::fflush(stderr);
    });
    if (tty) std::fprintf(stderr, "\n");
  }
  fs::remove_all(old, ec);
  if (fs::exists(path)) fs::rename(path, old);
  fs::rename(fresh, path);
  fs::remove_all(old, ec);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::uintmax_t bytes = 0;
  for (const auto& f : fs::recursive_directory_iterator(path, ec))
    if (f.is_regular_file()) bytes += f.file_size();
  std::printf("indexed %lld documents in %.1f s (%.0f/s); the index takes %.1f MB in %s\n", static_cast<long long>(documents),
              seconds, seconds > 0 ? documents / seconds : 0.0, static_cast<double>(bytes) / 1e6, path.c_str());
  return 0;
}

namespace {
// The built web client: configured, or web/dist of the source tree the binary was built in
// (build/agora -> ../web/dist), or ./web/dist.
std::string FindWebRoot(const Config& config) {
  namespace fs = std::filesystem;
  if (!config.http.web_root.empty()) return config.http.web_root;
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto candidate = exe.parent_path().parent_path() / "web" / "dist";
    if (fs::is_directory(candidate, ec)) return candidate.string();
  }
  return "web/dist";
}

// The mail worker (modules/mail/worker.h) with every module's mail kinds, and the outbox's
// admin routes. Started once the server knows its address (links in mails point there).
std::unique_ptr<mail::Worker> StartMail(App& app, http::Router& router) {
  const auto& cfg = app.config.mail;
  std::unique_ptr<mail::Transport> transport;
  if (cfg.smtp_url.empty()) {
    transport = mail::FolderTransport(
        (std::filesystem::absolute(app.config.data_dir) / "mail").lexically_normal().string());
  } else {
    std::string password = cfg.password;
    if (!cfg.password_file.empty()) {
      std::ifstream in(cfg.password_file);
      if (!in) {
        std::fprintf(stderr, "agora: cannot read mail.password_file %s\n", cfg.password_file.c_str());
        return nullptr;
      }
      std::getline(in, password);
    }
    transport = mail::SmtpTransport(cfg, std::move(password));
  }
  auto worker = std::make_unique<mail::Worker>(*app.db, *app.ids, app.clock, cfg, std::move(transport), mail::Context{});
  identity::RegisterMails(*worker, app.clock);
  notifications::RegisterMails(*worker, app.clock, *app.unsubscribe, wiki::MailChange);  // a wiki change's mail shows its diff
  worker->Every(cfg.digest_check_seconds, [&app, hour = cfg.digest_hour] {
    notifications::QueueDueDigests(*app.db, *app.ids, app.clock.NowMs(), hour);
  });
  mail::RegisterApi(router, *app.db, *app.ids, app.clock, *worker);
  metrics::Register([w = worker.get()](std::string& out) { w->RenderMetrics(out); });
  return worker;
}
}  // namespace

int Serve(App& app) {
  // On PostgreSQL an io thread waits for each statement's round trip to the server; more of
  // them keep the cores busy meanwhile (and reads flowing while one waits for the writer),
  // too many spend them switching (50,000 people, one statement per profile read, 2 cores:
  // 2 io threads 19,900 reads/s, 4 20,300, 6 20,600, 8 20,000, 16 19,300, 24 15,000).
  // SQLite answers from this process.
  if (app.config.http.threads == 0 && app.db->kind() == store::Database::Kind::kPostgres)
    app.config.http.threads = 3 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (auto st : {sso::SsoService::Validate(app.config), ldap::LdapSync::Validate(app.config.ldap)})
    if (!st) {
      std::fprintf(stderr, "agora: %s\n", st.error().message.c_str());
      return 1;
    }
  const auto& cfg = app.config;
  http::Router router;
  http::Server* server_ptr = nullptr;
  sso::SsoService single_sign_on(*app.db, *app.ids, app.clock, *app.identity, cfg, app.events.get());
  identity::RegisterApi(router, *app.identity, cfg.auth,
                        [&single_sign_on](const identity::Principal& p) { return single_sign_on.EndSessionUrl(p); });
  sso::RegisterApi(router, single_sign_on, cfg.auth);
  identity::RegisterAdminApi(router, *app.admin);
  identity::RegisterLinksApi(router, *app.links, cfg.auth);
  identity::RegisterTwoFactorApi(router, *app.two_factor, *app.identity, cfg.auth);
  auto mail_worker = StartMail(app, router);
  if (!mail_worker) return 1;
  app.db->Checkpoint();  // a seed or import may have left a large log behind
  app.db->StartBackgroundCheckpoints();
  bus::Bus& events = *app.events;  // stopped (and drained) before the services it calls are destroyed: see below
  people::PeopleService people_service(*app.db, *app.ids, app.clock, &events);
  people_service.StartNameIndex();
  people::RegisterApi(router, people_service);
  media::InitImages();
  media::BlobStore media_files((std::filesystem::path(cfg.data_dir) / "media").string());
  people::PhotoService photos(*app.db, *app.ids, media_files, app.clock,
                              &events);
  people::RegisterPhotoApi(router, people_service, photos);
  // The staff directory (LDAP / Active Directory): scheduled and on-demand syncs, and sign-in
  // with its password when ldap.sign_in is on.
  ldap::LdapSync directory_sync(*app.db, *app.ids, app.clock, *app.admin, &photos, cfg.ldap, &events);
  ldap::LdapPasswords directory_passwords(*app.db, cfg.ldap);
  if (cfg.ldap.sign_in && !cfg.ldap.url.empty()) app.identity->SetPasswordDirectory(&directory_passwords);
  ldap::SyncRunner directory_runner(directory_sync);
  ldap::RegisterApi(router, directory_sync, directory_runner);
  // SCIM 2.0 provisioning by an identity provider, with tokens of its own.
  scim::ScimTokens scim_tokens(*app.db, *app.ids, app.clock);
  scim::ScimUsers scim_users(*app.db, *app.ids, app.clock, *app.admin, &events);
  people::PeopleImporter importer(*app.db, *app.ids, app.clock, *app.admin, &events);
  people::ImportJobs import_jobs(importer);  // destroyed after the server: stops and joins an import
  people::RegisterImportApi(router, import_jobs, *app.links);
  posts::PostIndex post_index(*app.db);
  post_index.StartBuilding();
  posts::PostCache post_cache(app.clock);
  images::ImageService image_service(*app.db, *app.ids, media_files, app.clock);
  images::RegisterApi(router, image_service);
  files::FileService file_service(*app.db, *app.ids, media_files, app.clock);  // attachments (wiki pages)
  files::RegisterApi(router, file_service);
  posts::PostService post_service(*app.db, *app.ids, app.clock, &events, &post_cache, &image_service);
  posts::RegisterApi(router, post_service);
  feed::FeedService feed_service(*app.db, app.clock, post_service, &post_index, &events);
  communities::CommunityService community_service(*app.db, *app.ids, app.clock, &events);
  communities::PictureService community_pictures(*app.db, *app.ids, media_files, app.clock);
  communities::InvitationService community_invitations(*app.db, *app.ids, app.clock, app.identity->hasher(), community_service);
  communities::RegisterApi(router, community_service, community_pictures, community_invitations, people_service);
  communities::RegisterInvitationMail(*mail_worker, app.clock);
  scim::ScimGroups scim_groups(*app.db, *app.ids, app.clock, community_service);
  scim::RegisterApi(router, scim_tokens, scim_users, scim_groups);
  forum::ForumService forum_service(*app.db, *app.ids, app.clock);
  forum::RegisterApi(router, forum_service);
  blogs::BlogService blog_service(*app.db, *app.ids, app.clock, &events, &image_service);
  blogs::RegisterApi(router, blog_service);
  feed_service.AddHomeSource(blogs::FollowedBlogsSource(blog_service));  // followed blogs' entries at home
  blogs::Scheduler blog_scheduler(blog_service);  // publishes scheduled entries when their time comes
  // Atom feeds for feed readers (issue 18), read with no credential or a feed token.
  atom::FeedTokens feed_tokens(*app.db, app.clock);
  atom::RegisterApi(router, feed_tokens);
  blogs::BlogSyndication blog_syndication(*app.db);
  blogs::FeedSite feed_site{"", [&app] { return app.identity->SiteLanguage(); }};
  blogs::RegisterFeeds(router, blog_syndication, feed_tokens, feed_site);
  blogs::PublicPages public_pages(*app.db, app.clock, feed_site.base_url, feed_site.site_language);
  blogs::RegisterPublicPages(router, public_pages, feed_site.site_language);
  // The wiki (issue 19): spaces, pages, merged saves, history and links.
  wiki::WikiService wiki_service(*app.db, *app.ids, app.clock, &events);
  wiki::RegisterApi(router, wiki_service);
  feed_service.AddHomeSource(wiki::WatchedSpacesSource());  // watched spaces' changes at home
  wiki::RegisterExportApi(router, wiki_service, image_service, feed_site.base_url);
  wiki::ImportJobs wiki_imports(wiki_service);  // MediaWiki exports and Markdown folders, one at a time
  wiki::RegisterImportApi(router, wiki_imports);  // PDF and EPUB books (links to Agora need its address)
  Ticker wiki_reminders("reminding of wiki reviews", std::chrono::seconds(1), [&wiki_service] { wiki_service.RemindDueReviews(); });
  feed::RegisterApi(router, feed_service);
  comments::CommentService comment_service(*app.db, *app.ids, app.clock, &events);
  comment_service.Moderate("blog_entry", blogs::CommentModeration());  // a blog's owners may hold comments
  reactions::ReactionService reaction_service(*app.db, *app.ids, app.clock, &events);
  comments::RegisterApi(router, comment_service, reaction_service);
  content::RegisterPreviewApi(router, *app.db);  // editors' previews
  // Search (DESIGN.md "Search"): the index follows the database through its queue; the
  // indexer's thread builds it first when it is missing or of an older format.
  std::unique_ptr<search::Index> search_index;
  try {
    search_index = std::make_unique<search::Index>(SearchIndexPath(cfg));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "agora: cannot open the search index %s: %s\n", SearchIndexPath(cfg).c_str(), e.what());
    return 1;
  }
  const find::Kinds search_kinds = find::AllKinds();
  search::Indexer indexer(*app.db, *search_index);  // stopped before the index goes (declared after it)
  for (const auto& [name, kind] : search_kinds) indexer.Register(name, kind.source);
  metrics::Register([&indexer](std::string& out) { indexer.RenderMetrics(out); });
  find::SearchService search_service(*app.db, *search_index, search_kinds, &people_service);
  find::RegisterApi(router, search_service);
  notifications::NotificationService notification_service(*app.db, app.clock);
  notifications::RegisterApi(router, notification_service, *app.unsubscribe);
  live::StreamHub stream_hub;
  live::LivePush live_push(*app.db, post_service, comment_service, notification_service, stream_hub);
  events.Subscribe([&live_push](const bus::Event& e) { live_push.Handle(e); });
  metrics::Register([&live_push](std::string& out) { live_push.RenderMetrics(out); });
  stream_hub.SetWatchFilter([&live_push](const live::StreamReader& r, std::vector<Id> ids) {
    return live_push.Readable(r, std::move(ids));
  });
  live::RegisterApi(router);
  wiki::EditingPresence wiki_presence(app.clock);  // "Ana is editing this page", told on the stream
  wiki::RegisterPresenceApi(router, wiki_service, wiki_presence, stream_hub);
  // What this node holds in memory follows the events of the changes that affect it
  // (DESIGN.md "Caches and memory"; the credential cache was registered by OpenApp). Each
  // says in its Apply which events drop what.
  events.Apply([&](const bus::Event& e) {
    people_service.Apply(e);  // profiles
    post_index.Apply(e);
    post_cache.Apply(e);
    feed_service.Apply(e);  // whom and what people follow
    wiki_service.Apply(e);  // pages kept rendered
    // A stream was authenticated when it opened: a revoked credential, a new password, role
    // or active state closes it (the client reconnects, and is checked again).
    if (e.kind == bus::Event::Kind::kAccessChanged)
      for (Id person : e.people) stream_hub.Disconnect(person, e.credential ? std::optional(e.credential) : std::nullopt);
  });
  // A change was committed: its search rows are waiting (the indexer also looks every 200 ms).
  events.Subscribe([&indexer](const bus::Event&) { indexer.Wake(); });
  indexer.Start();
  events.Start();
  struct StopEvents {
    bus::Bus& bus;
    ~StopEvents() {
      bus.Stop();
      bus.Clear();  // its listeners are about to go
    }
  } stop_events{events};
  system::RegisterApi(router, *app.db, [&server_ptr] { return server_ptr && server_ptr->accepting(); }, cfg.http.metrics_token);
  // Last: the description is checked against every route (a route without one stops here).
  if (auto errors = system::RegisterOpenApi(router); !errors.empty()) {
    for (const auto& e : errors) std::fprintf(stderr, "agora: API description: %s\n", e.c_str());
    return 1;
  }

  http::HttpMetrics http_metrics(router);
  metrics::Register([&http_metrics](std::string& out) { http_metrics.Render(out); });
  std::string web_root = FindWebRoot(cfg);
  http::StaticFiles static_files(web_root);

  idempotency::IdempotencyService idempotency(*app.db, app.clock);
  // io threads share a read snapshot for up to 10 ms (store/database.h): under load that
  // spares most reads SQLite's process-wide WAL lock; writes end it at once.
  store::Database& db = *app.db;
  http::Server server({cfg.http, cfg.auth, router, *app.identity, static_files, http_metrics, idempotency,
                       [&db] { db.ReuseReadsOnThisThread(10); }, [&db] { db.ReleaseStaleRead(); }, &stream_hub,
                       media::ReleaseImageMemory});
  server_ptr = &server;
  int port = 0;
  try {
    port = server.Bind();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "agora: %s\n", e.what());
    return 1;
  }
  std::string host = cfg.http.listen.substr(0, cfg.http.listen.rfind(':'));
  const bool all_addresses = host == "0.0.0.0" || host == "::" || host == "[::]";
  if (all_addresses) host = "127.0.0.1";
  std::string base = cfg.http.public_url.empty() ? "http://" + host + ":" + std::to_string(port) : cfg.http.public_url;

  std::printf("Agora %s is running at %s/\n", AGORA_VERSION, base.c_str());
  std::printf("  data: %s\n", std::filesystem::absolute(cfg.data_dir).lexically_normal().string().c_str());
  if (app.db->kind() == store::Database::Kind::kPostgres) std::printf("  database: %s\n", app.db->Describe().c_str());
  if (auto token = app.identity->IssueSetupToken()) {
    // The token travels in the URL fragment, which browsers never send to a server or in a
    // Referer header, so it cannot end up in a proxy's access log.
    std::printf("  No account exists yet. Open this one-time link to create the first admin:\n");
    std::printf("    %s/setup#token=%s\n", base.c_str(), token->c_str());
    std::printf("  (or: agora admin create-user --role admin ...)\n");
  } else {
    std::printf("  Sign in at %s/ with your e-mail and password.\n", base.c_str());
  }
  if (all_addresses && cfg.http.public_url.empty())
    std::printf("  Live updates only reach pages opened at %s/ or localhost: set http.public_url to the\n"
                "  address people use (http/origin.h).\n", base.c_str());
  std::printf("  Mail goes to %s.\n", mail_worker->transport().Describe().c_str());
  if (cfg.mail.smtp_url.empty())
    std::printf("  (No SMTP server is set: mail.smtp_url in the configuration, or AGORA_MAIL_SMTP_URL.)\n");
  mail_worker->SetContext({base, cfg.mail.organization});
  single_sign_on.SetBaseUrl(base);
  scim_users.SetBaseUrl(base);
  scim_groups.SetBaseUrl(base);
  feed_site.base_url = base;
  for (const auto& p : single_sign_on.Providers())
    std::printf("  Single sign-on: %s (callback %s)\n", p.name.c_str(), single_sign_on.RedirectUri(p.id).c_str());
  if (!cfg.auth.local_passwords)
    std::printf("  Password sign-in is off%s.\n",
                cfg.auth.break_glass_admin.empty() ? "" : (" except for " + cfg.auth.break_glass_admin).c_str());
  mail_worker->Start();
  std::printf("  Stop with Ctrl-C.\n");
  std::fflush(stdout);
  log::Info("listening", {{"address", cfg.http.listen}, {"port", port}, {"web_root", web_root},
                          {"static_files", static_cast<std::int64_t>(static_files.file_count())}});
  server.Run();
  log::Info("stopped");
  log::Flush();
  return 0;
}

}  // namespace agora::app
