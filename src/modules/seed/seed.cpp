#include "modules/seed/seed.h"

#include "modules/seed/vocabulary.h"

#include <algorithm>
#include <optional>
#include <cmath>
#include <random>
#include <string_view>
#include <vector>

#include "core/name_words.h"
#include "core/text.h"

namespace agora::seed {
namespace {

struct Locale {
  std::vector<std::string_view> first, last;
  bool family_first = false;
};

const std::vector<Locale>& Locales() {
  static const std::vector<Locale> kLocales = {
      {{"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth", "Olivia", "Noah"},
       {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Clark", "Walker", "Young"}},
      {{"Åsa", "Björn", "Örjan", "Märta", "Lars", "Karin", "Erik", "Ingrid", "Johan", "Sofia", "Ägnes", "Per"},
       {"Andersson", "Öberg", "Lindqvist", "Åkesson", "Nilsson", "Ström", "Bergström", "Holm", "Sjöberg", "Ekström", "Ängström", "Wallin"}},
      {{"Øystein", "Ingrid", "Håkon", "Solveig", "Lars", "Kari", "Bjørn", "Ragnhild", "Ola", "Eli", "Åse", "Tor"},
       {"Hansen", "Johansen", "Olsen", "Larsen", "Dahl", "Bakke", "Sæther", "Haugen", "Østby", "Berg", "Aasen", "Løvik"}},
      {{"Дмитрий", "Анна", "Сергей", "Ольга", "Иван", "Наталья", "Алексей", "Елена", "Михаил", "Татьяна", "Юрий", "Ярослава"},
       {"Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков", "Морозов", "Волков", "Абрамов", "Щукин"}},
      {{"Георги", "Мария", "Иван", "Елена", "Димитър", "Йорданка", "Николай", "Цветелина", "Стоян", "Радка", "Ясен", "Ъгълина"},
       {"Георгиев", "Иванов", "Димитров", "Петров", "Николов", "Христов", "Стоянов", "Тодоров", "Илиев", "Ангелов", "Щерев", "Якимов"}},
      {{"Jürgen", "Anna", "Lukas", "Sophie", "Maximilian", "Marie", "Jonas", "Lena", "Felix", "Hannah", "Uwe", "Ömer"},
       {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Groß", "Köhler"}},
      {{"आरव", "प्रिया", "विवान", "अनन्या", "आदित्य", "दीया", "अर्जुन", "सान्वी", "Rohan", "Isha", "Vikram", "Neha"},
       {"शर्मा", "वर्मा", "गुप्ता", "सिंह", "कुमार", "पटेल", "Reddy", "Iyer", "Nair", "Joshi", "Mehta", "Rao"}},
      {{"翔太", "さくら", "大輝", "陽菜", "蓮", "結衣", "悠真", "美咲", "健", "葵", "拓海", "花子"},
       {"佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村", "小林", "加藤", "吉田", "山田"}, true},
      {{"José", "María", "Carmen", "Antonio", "Lucía", "Manuel", "Sofía", "Javier", "Elena", "Pablo", "Ángel", "Begoña"},
       {"García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Núñez", "Ibáñez"}},
  };
  return kLocales;
}

// 170 countries; the first ones carry most of the staff (weights fall off like a power law).
constexpr std::string_view kCountries[] = {
    "US", "IN", "DE", "GB", "SE", "NO", "RU", "BG", "JP", "ES", "FR", "BR", "CN", "MX", "PL", "NL", "IT", "CA",
    "AU", "AR", "CO", "FI", "DK", "IE", "CH", "AT", "BE", "PT", "CZ", "RO", "HU", "GR", "TR", "IL", "ZA", "EG",
    "NG", "KE", "MA", "SA", "AE", "SG", "MY", "TH", "VN", "PH", "ID", "KR", "NZ", "CL", "PE", "UA", "RS", "HR",
    "SI", "SK", "LT", "LV", "EE", "IS", "LU", "MT", "CY", "BY", "KZ", "UZ", "GE", "AM", "AZ", "PK", "BD", "LK",
    "NP", "MM", "KH", "LA", "MN", "QA", "KW", "BH", "OM", "JO", "LB", "IQ", "IR", "AF", "DZ", "TN", "LY", "SD",
    "ET", "GH", "CI", "SN", "CM", "UG", "TZ", "RW", "ZM", "ZW", "MZ", "AO", "NA", "BW", "MG", "MU", "EC", "BO",
    "PY", "UY", "VE", "CR", "PA", "GT", "HN", "SV", "NI", "DO", "CU", "JM", "TT", "BS", "BB", "HT", "BZ", "GY",
    "SR", "FJ", "PG", "WS", "TO", "VU", "SB", "MD", "AL", "MK", "ME", "BA", "LI", "MC", "SM", "AD", "VA", "KG",
    "TJ", "TM", "BT", "MV", "BN", "TL", "ML", "NE", "BF", "TD", "GN", "BJ", "TG", "SL", "LR", "GM", "GW", "CV",
    "MR", "DJ", "ER", "SO", "SS", "CF", "CG", "CD", "GA", "GQ", "BI", "MW"};
constexpr size_t kCountryCount = sizeof(kCountries) / sizeof(kCountries[0]);

int LocaleFor(std::string_view country, std::mt19937_64& rng) {
  if (country == "SE") return 1;
  if (country == "NO") return 2;
  if (country == "RU" || country == "BY" || country == "KZ") return 3;
  if (country == "BG") return 4;
  if (country == "DE" || country == "AT" || country == "CH") return 5;
  if (country == "IN") return 6;
  if (country == "JP") return 7;
  if (country == "ES" || country == "MX" || country == "AR" || country == "CO" || country == "CL" || country == "PE")
    return 8;
  return std::uniform_int_distribution<int>(0, 9)(rng) < 8 ? 0 : std::uniform_int_distribution<int>(1, 8)(rng);
}

constexpr std::string_view kDepartments[] = {
    "Engineering", "Platform", "Security", "Data", "Design", "Product", "Sales", "Marketing", "Finance",
    "Legal", "People", "Support", "Operations", "Research", "Manufacturing", "Logistics", "Procurement",
    "Communications", "Facilities", "IT", "Quality", "Consulting", "Partnerships", "Training", "Strategy"};

struct Person {
  Id id = 0;
  std::int64_t manager = -1;  // index
  int depth = 0;
  std::string name, country, department, office;
};

constexpr const char* kInsertUser =
    "INSERT INTO users (id, email, email_key, handle, display_name, role, active, password_hash, created_at, updated_at,"
    " name_words) VALUES (?, ?, ?, ?, ?, 'member', 1, NULL, ?, ?, ?)";
constexpr const char* kInsertProfile =
    "INSERT INTO profiles (user_id, title, department, office, country, timezone, manager_id, updated_at)"
    " VALUES (?, ?, ?, ?, ?, '', ?, ?)";
constexpr const char* kInsertTag = "INSERT INTO expertise (user_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING";
constexpr const char* kExisting = "SELECT count(*) FROM users WHERE email LIKE '%@seed.example'";

// Inserts rows of two ids (and an optional constant) many per statement: per-row statement
// overhead (bind, step, reset) was most of the cost of the tens of millions of follows a
// large organization has. `columns` is e.g. "follows (follower_id, followee_id, created_at)".
class PairWriter {
 public:
  PairWriter(const std::string& table_and_columns, std::optional<std::int64_t> constant) : constant_(constant) {
    const char* row = constant ? "(?,?,?)" : "(?,?)";
    single_ = "INSERT INTO " + table_and_columns + " VALUES " + row + " ON CONFLICT DO NOTHING";
    many_ = "INSERT INTO " + table_and_columns + " VALUES ";
    for (size_t i = 0; i < kRows; ++i) (many_ += i ? "," : "") += row;
    many_ += " ON CONFLICT DO NOTHING";
  }
  void Add(agora::store::Connection& c, Id a, Id b) {
    pending_.emplace_back(a, b);
    if (pending_.size() < kRows) return;
    auto q = c.Prepare(many_);
    int at = 1;
    for (const auto& [x, y] : pending_) {
      q.Bind(at, x).Bind(at + 1, y);
      if (constant_) q.Bind(at + 2, *constant_);
      at += constant_ ? 3 : 2;
    }
    q.Run();
    pending_.clear();
  }
  void Flush(agora::store::Connection& c) {
    for (const auto& [x, y] : pending_) {
      auto q = c.Prepare(single_, x, y);
      if (constant_) q.Bind(3, *constant_);
      q.Run();
    }
    pending_.clear();
  }

 private:
  static constexpr size_t kRows = 100;
  std::optional<std::int64_t> constant_;
  std::string single_, many_;
  std::vector<std::pair<Id, Id>> pending_;
};

}  // namespace

Result<SeedReport> SeedOrganization(agora::store::Database& db, IdGenerator& ids, const Clock& clock,
                                    const SeedOptions& o) {
  if (o.people < 1 || o.people > 5'000'000) return Error::Invalid("people", "people must be between 1 and 5000000");
  auto existing = db.Read([](auto& c) {
    auto q = c.Prepare(kExisting);
    q.Next();
    return q.Int(0);
  });
  if (existing > 0) return Error::Conflict("this database is already seeded; seed an empty data directory", "people");

  std::mt19937_64 rng(o.seed);
  const auto n = static_cast<size_t>(o.people);
  const auto now = clock.NowMs();
  std::vector<Person> people(n);

  // The reporting tree, breadth first: person 0 leads; each manager takes 3-12 reports.
  Zipf country_pick(kCountryCount, 1.2);
  size_t manager = 0, taken = 0, capacity = 0;
  SeedReport report;
  for (size_t i = 0; i < n; ++i) {
    auto& p = people[i];
    p.id = ids.Next();
    if (i > 0) {
      if (taken >= capacity) {
        if (i > 1) ++manager;
        taken = 0;
        capacity = std::uniform_int_distribution<size_t>(3, 12)(rng);
      }
      ++taken;
      p.manager = static_cast<std::int64_t>(manager);
      const auto& boss = people[manager];
      p.depth = boss.depth + 1;
      // Teams mostly stay in their department and country.
      p.department = boss.depth == 0 || std::uniform_int_distribution<int>(0, 9)(rng) == 0
                         ? std::string(kDepartments[std::uniform_int_distribution<size_t>(0, std::size(kDepartments) - 1)(rng)])
                         : boss.department;
      p.country = std::uniform_int_distribution<int>(0, 9)(rng) < 7 ? boss.country : std::string(kCountries[country_pick(rng)]);
    } else {
      p.department = "Management";
      p.country = "US";
    }
    report.depth = std::max(report.depth, p.depth + 1);
    p.office = p.country + " office " + std::to_string(std::uniform_int_distribution<int>(1, 3)(rng));
    const auto& loc = Locales()[static_cast<size_t>(LocaleFor(p.country, rng))];
    auto first = loc.first[std::uniform_int_distribution<size_t>(0, loc.first.size() - 1)(rng)];
    auto last = loc.last[std::uniform_int_distribution<size_t>(0, loc.last.size() - 1)(rng)];
    p.name = loc.family_first ? std::string(last) + " " + std::string(first) : std::string(first) + " " + std::string(last);
  }

  // People, profiles and expertise.
  db.SetBulkLoad(true);
  struct EndBulkLoad {
    agora::store::Database& db;
    ~EndBulkLoad() { db.SetBulkLoad(false); }
  } end_bulk_load{db};
  Zipf tag_pick(kTagVocabulary, 1.05);
  const size_t batch = 20000;
  if (o.progress) o.progress("people", 0, o.people);
  for (size_t begin = 0; begin < n; begin += batch) {
    size_t end = std::min(n, begin + batch);
    db.Write([&](agora::store::Connection& c) {
      for (size_t i = begin; i < end; ++i) {
        const auto& p = people[i];
        std::string email = "person" + std::to_string(i) + "@seed.example";
        c.Prepare(kInsertUser, p.id, email, email, "person-" + std::to_string(i), p.name, now, now,
                  text::SearchableName(p.name)).Run();
        std::optional<Id> boss;
        if (p.manager >= 0) boss = people[static_cast<size_t>(p.manager)].id;
        std::string title = p.depth == 0 ? "Chief Executive Officer"
                            : i < 20   ? "Head of " + p.department
                                       : (static_cast<size_t>(p.manager) + 1 < i && p.depth > 2 ? "Specialist" : "Manager");
        c.Prepare(kInsertProfile, p.id, title, p.department, p.office, p.country, boss, now).Run();
        int tags = std::uniform_int_distribution<int>(0, 6)(rng);
        for (int t = 0; t < tags; ++t) {
          c.Prepare(kInsertTag, p.id, TagName(tag_pick(rng))).Run();
          ++report.expertise;
        }
      }
    });
    if (o.progress) o.progress("people", static_cast<std::int64_t>(end), o.people);
  }

  // Follows: most people follow 50-300 others: their manager, their team, people across the
  // organization, and one to four of the few everyone follows (Zipf over the leadership-first
  // order), which gives the heavy tail. Each person's choices come from their own random
  // stream, so they can be drawn again: once in follower order for `follows`, then in
  // followee order, a slice of followees at a time, for its mirror `followers`. Both tables
  // are thus written in key order (appends), and no more than one slice is held in memory.
  std::vector<std::vector<std::uint32_t>> reports(n);
  for (size_t i = 1; i < n; ++i) reports[static_cast<size_t>(people[i].manager)].push_back(static_cast<std::uint32_t>(i));
  Zipf famous(std::min<size_t>(n, 100000), 1.1);
  auto targets_of = [&](size_t i, std::vector<std::uint32_t>& targets) {
    std::mt19937_64 own(o.seed * 0x9E3779B97F4A7C15ULL + i);
    targets.clear();
    const auto& p = people[i];
    int want = std::uniform_int_distribution<int>(o.min_follows, o.max_follows)(own);
    want = static_cast<int>(std::min<size_t>(static_cast<size_t>(want), n - 1));
    if (p.manager >= 0) {
      auto m = static_cast<size_t>(p.manager);
      targets.push_back(static_cast<std::uint32_t>(m));
      for (auto peer : reports[m]) targets.push_back(peer);
    }
    for (auto r : reports[i]) targets.push_back(r);
    int stars = std::uniform_int_distribution<int>(1, 4)(own);
    for (int s = 0; s < stars; ++s) targets.push_back(static_cast<std::uint32_t>(famous(own)));
    while (static_cast<int>(targets.size()) < want)
      targets.push_back(static_cast<std::uint32_t>(std::uniform_int_distribution<size_t>(0, n - 1)(own)));
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    targets.erase(std::remove(targets.begin(), targets.end(), static_cast<std::uint32_t>(i)), targets.end());
  };
  std::vector<std::uint32_t> targets;
  PairWriter follows("follows (follower_id, followee_id, created_at)", now);
  if (o.progress) o.progress("follows", 0, o.people);
  for (size_t begin = 0; begin < n; begin += batch) {
    size_t end = std::min(n, begin + batch);
    db.Write([&](agora::store::Connection& c) {
      for (size_t i = begin; i < end; ++i) {
        targets_of(i, targets);
        for (auto t : targets) follows.Add(c, people[i].id, people[t].id);
        report.follows += static_cast<std::int64_t>(targets.size());
      }
      follows.Flush(c);
    });
    if (o.progress) o.progress("follows", static_cast<std::int64_t>(end), o.people);
  }

  // Slices of followees small enough that their (followee, follower) pairs fit in about
  // 128 MiB, sorted, then appended to `followers`.
  constexpr std::int64_t kPairsPerSlice = 16'000'000;
  const size_t slices = static_cast<size_t>(report.follows / kPairsPerSlice + 1);
  const size_t slice_width = (n + slices - 1) / slices;
  PairWriter mirror("followers (followee_id, follower_id)", std::nullopt);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  if (o.progress) o.progress("followers", 0, static_cast<std::int64_t>(slices));
  for (size_t slice = 0; slice < slices; ++slice) {
    const auto lo = static_cast<std::uint32_t>(slice * slice_width);
    const auto hi = static_cast<std::uint32_t>(std::min(n, (slice + 1) * slice_width));
    pairs.clear();
    for (size_t i = 0; i < n; ++i) {
      targets_of(i, targets);
      for (auto it = std::lower_bound(targets.begin(), targets.end(), lo); it != targets.end() && *it < hi; ++it)
        pairs.emplace_back(*it, static_cast<std::uint32_t>(i));
    }
    std::sort(pairs.begin(), pairs.end());
    for (size_t begin = 0; begin < pairs.size(); begin += batch * 50) {
      size_t end = std::min(pairs.size(), begin + batch * 50);
      db.Write([&](agora::store::Connection& c) {
        for (size_t k = begin; k < end; ++k) mirror.Add(c, people[pairs[k].first].id, people[pairs[k].second].id);
        mirror.Flush(c);
      });
    }
    if (o.progress) o.progress("followers", static_cast<std::int64_t>(slice + 1), static_cast<std::int64_t>(slices));
  }
  // Statistics for the query planner, from a sample of each index (a full ANALYZE reads
  // every row of every index: longer than building them).
  if (o.progress) o.progress("statistics", 0, 1);
  db.Analyze();
  if (o.progress) o.progress("statistics", 1, 1);
  report.people = o.people;
  return report;
}

}  // namespace agora::seed
