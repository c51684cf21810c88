#include "modules/wiki/import_source.h"

#include <libxml/xmlreader.h>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "core/clock.h"
#include "core/text.h"
#include "modules/wiki/md_links.h"
#include "modules/wiki/titles.h"
#include "modules/wiki/wikitext.h"

namespace agora::wiki {
namespace {

// ---- MediaWiki XML -------------------------------------------------------------------

struct RawPage {
  std::string title, redirect;
  int ns = 0;
  std::vector<ImportRevision> revisions;  // text still wikitext
};

std::string Text(xmlTextReaderPtr r) {
  xmlChar* s = xmlTextReaderReadString(r);
  std::string out = s ? reinterpret_cast<const char*>(s) : "";
  xmlFree(s);
  return out;
}

// Reads the export as a stream (a dump of many pages is never a tree in memory).
Result<std::vector<RawPage>> ParseExport(std::string_view xml) {
  std::unique_ptr<xmlTextReader, void (*)(xmlTextReaderPtr)> reader(
      xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), nullptr, "UTF-8", XML_PARSE_NONET | XML_PARSE_HUGE),
      xmlFreeTextReader);
  if (!reader) return Error::Invalid("file", "the file is not XML");
  std::vector<RawPage> pages;
  std::vector<std::string> path;  // open elements
  bool saw_root = false;
  int rc;
  while ((rc = xmlTextReaderRead(reader.get())) == 1) {
    const int type = xmlTextReaderNodeType(reader.get());
    if (type == XML_READER_TYPE_END_ELEMENT) {
      if (!path.empty()) path.pop_back();
      continue;
    }
    if (type != XML_READER_TYPE_ELEMENT) continue;
    const std::string name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader.get()));
    const bool empty = xmlTextReaderIsEmptyElement(reader.get());
    if (path.empty()) {
      if (name != "mediawiki") return Error::Invalid("file", "the file is not a MediaWiki export (its root is <" + name + ">)");
      saw_root = true;
    }
    const std::string parent = path.empty() ? "" : path.back();
    if (name == "page") pages.emplace_back();
    else if (!pages.empty() && parent == "page") {
      if (name == "title") pages.back().title = Text(reader.get());
      else if (name == "ns") pages.back().ns = std::atoi(Text(reader.get()).c_str());
      else if (name == "redirect") {
        xmlChar* t = xmlTextReaderGetAttribute(reader.get(), BAD_CAST "title");
        if (t) pages.back().redirect = reinterpret_cast<const char*>(t);
        xmlFree(t);
      } else if (name == "revision") pages.back().revisions.emplace_back();
    } else if (!pages.empty() && !pages.back().revisions.empty() && parent == "revision") {
      auto& rev = pages.back().revisions.back();
      if (name == "timestamp") rev.at = ParseRfc3339(Text(reader.get())).value_or(0);
      else if (name == "comment") rev.summary = Text(reader.get());
      else if (name == "text") rev.text = Text(reader.get());
    } else if (!pages.empty() && !pages.back().revisions.empty() && parent == "contributor") {
      auto& rev = pages.back().revisions.back();
      if (name == "username" || (name == "ip" && rev.author.empty())) rev.author = Text(reader.get());
    }
    if (!empty) path.push_back(name);
  }
  if (rc < 0 || !saw_root) return Error::Invalid("file", "the file is not a well-formed MediaWiki export");
  return pages;
}

// ---- A zip of Markdown files ---------------------------------------------------------

struct MdFile {
  std::string path;  // in the zip, without a leading "./"
  std::string text;
  std::int64_t at = 0;
};

bool IsMarkdown(const std::string& p) {
  const auto ext = text::AsciiLower(std::filesystem::path(p).extension().string());
  return ext == ".md" || ext == ".markdown";
}

// "release-checklist.md" -> "Release checklist".
std::string TitleFromName(std::string stem) {
  for (char& ch : stem)
    if (ch == '-' || ch == '_') ch = ' ';
  if (!stem.empty() && stem[0] >= 'a' && stem[0] <= 'z') stem[0] = static_cast<char>(stem[0] - 'a' + 'A');
  return std::string(text::Trim(stem));
}

// The title a file gives itself (front matter's title:, or a first "# heading", taken out of
// the text), else its name's.
std::string TakeTitle(std::string& body, const std::string& name) {
  if (body.rfind("---\n", 0) == 0) {
    const size_t end = body.find("\n---\n", 3);
    if (end != std::string::npos) {
      const std::string front = body.substr(4, end - 4);
      body = body.substr(end + 5);
      // A line "title: Words" (quoted or not) of the front matter.
      for (size_t line = 0; line < front.size();) {
        const size_t eol = std::min(front.find('\n', line), front.size());
        std::string_view l = std::string_view(front).substr(line, eol - line);
        if (l.rfind("title:", 0) == 0) {
          std::string_view value = text::Trim(l.substr(6));
          if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
            value = value.substr(1, value.size() - 2);
          if (!value.empty()) return std::string(value);
        }
        line = eol + 1;
      }
    }
  }
  size_t start = body.find_first_not_of('\n');
  if (start != std::string::npos && body.compare(start, 2, "# ") == 0) {
    const size_t eol = body.find('\n', start);
    std::string title(text::Trim(body.substr(start + 2, eol == std::string::npos ? std::string::npos : eol - start - 2)));
    body = eol == std::string::npos ? "" : body.substr(eol + 1);
    body.erase(0, body.find_first_not_of('\n') == std::string::npos ? body.size() : body.find_first_not_of('\n'));
    if (!title.empty()) return title;
  }
  return TitleFromName(std::filesystem::path(name).stem().string());
}

std::string Normal(const std::filesystem::path& p) { return p.lexically_normal().generic_string(); }

}  // namespace

Result<ImportSource> ReadMediaWiki(std::string_view xml, const ImportProgress& progress) {
  auto raw = ParseExport(xml);
  if (!raw) return raw.error();
  ImportSource out;
  std::vector<RawPage> articles;
  for (auto& p : *raw) {
    if (p.ns != 0) {
      out.left_out.push_back(p.title + ": not an article (another namespace)");
      continue;
    }
    if (!p.redirect.empty()) {
      out.redirects.emplace_back(p.title, p.redirect);
      continue;
    }
    if (p.revisions.empty()) {
      out.left_out.push_back(p.title + ": no revision in the file");
      continue;
    }
    std::sort(p.revisions.begin(), p.revisions.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    articles.push_back(std::move(p));
  }
  // Every revision's wikitext to Markdown, in batches.
  std::vector<std::string> texts;
  for (const auto& p : articles)
    for (const auto& r : p.revisions) texts.push_back(r.text);
  size_t failed = 0;
  auto converted = WikitextToMarkdown(texts, failed, [&](size_t done) {
    if (progress) progress(done, texts.size());
  });
  if (!converted) return converted.error();
  size_t i = 0;
  std::set<std::string> titles;
  for (const auto& p : articles) titles.insert(p.title);
  for (auto& p : articles) {
    ImportPage page{p.title, "", {}};
    // "Team/Handbook" goes below "Team" when the file has it (MediaWiki's subpages).
    if (auto slash = p.title.rfind('/'); slash != std::string::npos && titles.count(p.title.substr(0, slash))) page.parent = p.title.substr(0, slash);
    for (auto& r : p.revisions) {
      r.text = std::move((*converted)[i++]);
      page.revisions.push_back(std::move(r));
    }
    out.pages.push_back(std::move(page));
  }
  if (failed) out.left_out.push_back(std::to_string(failed) + " revisions pandoc could not read: kept as they were, in a code block");
  // Parents before their children.
  std::stable_sort(out.pages.begin(), out.pages.end(), [](const ImportPage& a, const ImportPage& b) {
    return std::count(a.title.begin(), a.title.end(), '/') < std::count(b.title.begin(), b.title.end(), '/');
  });
  return out;
}

Result<ImportSource> ReadMarkdownZip(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* za = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (!za) {
    if (src) zip_source_free(src);
    return Error::Invalid("file", "the file is not a zip archive");
  }
  std::vector<MdFile> files;
  ImportSource out;
  const zip_int64_t n = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !st.name) continue;
    std::string name = st.name;
    if (name.empty() || name.back() == '/' || name.find("__MACOSX") != std::string::npos) continue;
    if (!IsMarkdown(name)) {
      out.left_out.push_back(name + ": not a Markdown file");
      continue;
    }
    if (st.size > 4 * 1024 * 1024) {
      out.left_out.push_back(name + ": larger than a page may be");
      continue;
    }
    std::string text(static_cast<size_t>(st.size), '\0');
    zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
    if (!f || zip_fread(f, text.data(), st.size) != static_cast<zip_int64_t>(st.size)) {
      if (f) zip_fclose(f);
      out.left_out.push_back(name + ": could not be read");
      continue;
    }
    zip_fclose(f);
    if (!text::IsValidUtf8(text)) {
      out.left_out.push_back(name + ": not UTF-8 text");
      continue;
    }
    files.push_back({Normal(name), std::move(text), static_cast<std::int64_t>(st.mtime) * 1000});
  }
  zip_close(za);
  std::sort(files.begin(), files.end(), [](const MdFile& a, const MdFile& b) { return a.path < b.path; });

  // Titles first (links need them), then each folder's page.
  std::map<std::string, std::string> title_of;  // path -> title
  std::map<std::string, std::string> body_of;
  for (auto& f : files) {
    std::string body = f.text;
    title_of[f.path] = TakeTitle(body, f.path);
    body_of[f.path] = std::move(body);
  }
  // A folder's own page: "guide.md" beside the folder "guide/", or "guide/index.md".
  std::map<std::string, std::string> folder_page;  // folder -> path of its page ("" to make)
  for (const auto& f : files) {
    const std::string folder = std::filesystem::path(f.path).parent_path().generic_string();
    for (std::filesystem::path d = folder; !d.empty(); d = d.parent_path()) folder_page.emplace(d.generic_string(), "");
  }
  for (auto& [folder, page] : folder_page) {
    for (const std::string& candidate : {folder + ".md", folder + "/index.md", folder + "/README.md"})
      if (title_of.count(candidate)) page = candidate;
  }
  // A folder's page's title: its own page's, or the one made for it from its name.
  auto folder_title = [&](const std::string& folder) -> std::string {
    const auto& page = folder_page[folder];
    return page.empty() ? TitleFromName(std::filesystem::path(folder).filename().string()) : title_of[page];
  };
  auto parent_title = [&](const std::string& path) -> std::string {
    std::filesystem::path p(path);
    std::string folder = p.parent_path().generic_string();
    const std::string stem = p.stem().string();
    // A folder's index is the folder's page: its parent is the folder above.
    if (stem == "index" || stem == "README") folder = std::filesystem::path(folder).parent_path().generic_string();
    return folder.empty() ? "" : folder_title(folder);
  };
  // Links between the files: [words](other.md#part) -> [[Other title#part|words]].
  auto is_markdown_target = [](std::string_view target) {
    const std::string lower = text::AsciiLower(target.substr(0, target.find('#')));
    return lower.ends_with(".md") || lower.ends_with(".markdown");
  };
  // Folders with no page of their own get an empty one, before their pages.
  for (const auto& [folder, page] : folder_page) {
    if (!page.empty()) continue;
    const std::string above = std::filesystem::path(folder).parent_path().generic_string();
    ImportPage p{folder_title(folder), above.empty() ? "" : folder_title(above), {}};
    p.revisions.push_back({"", 0, "", ""});
    out.pages.push_back(std::move(p));
  }
  for (const auto& f : files) {
    const std::string linked = RewriteMdLinks(body_of[f.path], [&](const MdLink& link) -> std::optional<std::string> {
      if (link.picture || !is_markdown_target(link.target) || link.target.find("://") != std::string::npos) return std::nullopt;
      const size_t hash = link.target.find('#');
      const std::string file = Normal(std::filesystem::path(f.path).parent_path() / link.target.substr(0, hash));
      auto title = title_of.find(file);
      if (title == title_of.end()) return std::nullopt;
      const std::string section = hash == std::string::npos ? "" : link.target.substr(hash);
      return "[[" + title->second + section + (link.words == title->second ? "" : "|" + link.words) + "]]";
    });
    ImportPage p{title_of[f.path], parent_title(f.path), {}};
    p.revisions.push_back({"", f.at, "", linked});
    out.pages.push_back(std::move(p));
  }
  // Parents before their children: by depth of the path (made folder pages came first).
  std::map<std::string, size_t> depth;
  for (const auto& p : out.pages) depth[p.title] = 0;
  for (int round = 0; round < 32; ++round)
    for (const auto& p : out.pages)
      if (!p.parent.empty() && depth.count(p.parent)) depth[p.title] = std::max(depth[p.title], depth[p.parent] + 1);
  std::stable_sort(out.pages.begin(), out.pages.end(), [&](const ImportPage& a, const ImportPage& b) { return depth[a.title] < depth[b.title]; });
  return out;
}

}  // namespace agora::wiki
