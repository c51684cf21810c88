// Where an entry is read: a public entry at its readable address that works without
// signing in (/blogs/{blog}/{yyyy}/{mm}/{slug}, public_page.cpp), any other at the web
// client's page (/blogs/{blog}/entries/{id}). The year and month are its first publication's
// (UTC) and never change, so the address stays good through edits and unpublishing.
#pragma once

#include <string>

#include "modules/blogs/model.h"

namespace agora::blogs {

std::string PublicPath(const Blog& blog, const Entry& e);
std::string AppPath(const Blog& blog, const Entry& e);
// PublicPath for a published public entry, AppPath for everything else.
std::string EntryPath(const Blog& blog, const Entry& e);

}  // namespace agora::blogs
