// SCIM filters (RFC 7644 3.4.2.2): attrPath op value, joined by and / or, negated by
// not (...), grouped by parentheses; ops eq ne co sw ew gt lt ge le pr. Attribute names
// compare without case; so do string values (SCIM's caseExact is false for the attributes
// we serve). Evaluated against a resource's JSON; a single "attr eq value" is also handed
// out for an indexed lookup (userName eq "..." is what Entra ID and Okta send).
#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"

namespace agora::scim {

struct FilterNode;
using Filter = std::shared_ptr<const FilterNode>;

// An Error (field "filter") naming what could not be read.
Result<Filter> ParseFilter(std::string_view text);
bool Matches(const FilterNode& filter, const boost::json::object& resource);
// (attribute path in lower case, value) when the filter is one equality on a string.
std::optional<std::pair<std::string, std::string>> SingleEquality(const FilterNode& filter);

// An attribute of a resource or message by name, compared without case (RFC 7643 2.1);
// null when absent. Attribute() of a string, trimmed; "" when absent or not a string.
const boost::json::value* Attribute(const boost::json::object& o, std::string_view name);
std::string StringAttribute(const boost::json::object& o, std::string_view name);

// The value(s) an attribute path names in a resource ("emails.value", "name.givenName",
// "urn:...:enterprise:2.0:User:department"): every match, arrays flattened.
std::vector<boost::json::value> ValuesAt(const boost::json::object& resource, std::string_view path);

inline constexpr std::string_view kEnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

}  // namespace agora::scim
