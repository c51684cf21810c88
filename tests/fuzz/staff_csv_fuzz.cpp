// The staff list import: any file is parsed (libcsv) and every row checked, as a dry run
// against a real, migrated SQLite database that already holds a few people.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>
#include <unistd.h>

#include "core/clock.h"
#include "core/ids.h"
#include "modules/identity/admin_service.h"
#include "modules/identity/passwords.h"
#include "modules/people/importer.h"
#include "store/database.h"
#include "store/migrations.h"

namespace {
struct World {
  std::string dir;
  std::unique_ptr<agora::store::Database> db;
  agora::SystemClock clock;
  std::unique_ptr<agora::IdGenerator> ids;
  agora::identity::PasswordHasher hasher{"minimum"};
  std::unique_ptr<agora::identity::AdminService> admin;
  std::unique_ptr<agora::people::PeopleImporter> importer;
  World() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "agora-fuzz-XXXXXX").string();
    dir = ::mkdtemp(tmpl.data());
    db = agora::store::Database::Open({dir + "/agora.db"});
    if (!agora::store::Migrate(*db)) std::abort();
    ids = std::make_unique<agora::IdGenerator>(0);
    admin = std::make_unique<agora::identity::AdminService>(*db, *ids, clock, hasher);
    importer = std::make_unique<agora::people::PeopleImporter>(*db, *ids, clock, *admin);
    auto first = importer->Import("email,display_name,manager_email\nana@example.com,Ana,\nbo@example.com,Bo,ana@example.com\n",
                                  {}, agora::identity::Actor{});
    if (!first || !first->applied) std::abort();
  }
  ~World() { std::filesystem::remove_all(dir); }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  agora::people::ImportOptions dry;
  dry.dry_run = true;
  (void)world.importer->Import(std::string_view(reinterpret_cast<const char*>(data), size), dry, agora::identity::Actor{});
  return 0;
}
