// The composition root: configuration -> database (migrated) -> services -> router -> server.
// Every command of the binary opens the same App, so the CLI and the server share one set of
// rules (the CLI's `admin` commands call the same services as the admin API).
#pragma once

#include <memory>
#include <string>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/identity/account_links.h"
#include "modules/identity/admin_service.h"
#include "modules/identity/service.h"
#include "modules/identity/two_factor.h"
#include "modules/notifications/mails.h"
#include "store/database.h"

namespace agora::app {

struct App {
  Config config;
  SystemClock clock;
  std::unique_ptr<IdGenerator> ids;
  std::unique_ptr<store::Database> db;
  // Domain events (bus/bus.h): caches follow them. Started by Serve; in the command line's
  // processes events are applied and delivered at once.
  std::unique_ptr<bus::Bus> events;
  std::unique_ptr<identity::IdentityService> identity;
  std::unique_ptr<identity::AdminService> admin;
  // Activation and reset links; mail is queued here and sent by the serving process.
  std::unique_ptr<identity::AccountLinks> links;
  std::unique_ptr<identity::TwoFactor> two_factor;
  std::unique_ptr<notifications::UnsubscribeLinks> unsubscribe;  // signs and checks the links in notification mail
};

std::string DatabasePath(const Config& config);
// Creates the data directory (mode 0700) if needed, opens the database, and (when `migrate`)
// applies pending migrations. Errors are for people: they say what to do.
Result<std::unique_ptr<App>> OpenApp(const Config& config, bool migrate = true);
// Runs the HTTP server until SIGTERM/SIGINT. Returns the process exit code.
int Serve(App& app);

// Where the search index lives: <data_dir>/search.
std::string SearchIndexPath(const Config& config);
// `agora reindex`: builds the index anew beside the old one from the database, with a
// progress bar, then puts it in its place. The server must be stopped (it holds the index).
int Reindex(App& app);

}  // namespace agora::app
