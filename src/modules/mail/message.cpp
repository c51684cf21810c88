#include "modules/mail/message.h"

#include <gmime/gmime.h>

#include <memory>
#include <mutex>

namespace agora::mail {
namespace {

void InitGMime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

struct Unref {
  void operator()(void* p) const { g_object_unref(p); }
};
template <typename T>
using Ref = std::unique_ptr<T, Unref>;

// A text part of the given subtype, UTF-8, quoted-printable (readable in any client, safe
// for long lines). The bytes go in as they are: g_mime_text_part_set_text would convert a
// text that fits Latin-1 (German, French, Swedish) to it, and the part would lie about its
// charset.
GMimeTextPart* TextPart(const char* subtype, const std::string& body) {
  GMimeTextPart* part = g_mime_text_part_new_with_subtype(subtype);
  Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(body.data(), body.size()));
  Ref<GMimeDataWrapper> content(g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(GMIME_PART(part), content.get());
  g_mime_text_part_set_charset(part, "utf-8");
  g_mime_part_set_content_encoding(GMIME_PART(part), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  return part;
}

std::string DomainOf(std::string_view address) {
  auto at = address.rfind('@');
  return at == std::string_view::npos ? "localhost" : std::string(address.substr(at + 1));
}

}  // namespace

std::string AddressOf(std::string_view mailbox) {
  auto open = mailbox.rfind('<');
  auto close = mailbox.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open)
    return std::string(mailbox.substr(open + 1, close - open - 1));
  while (!mailbox.empty() && mailbox.front() == ' ') mailbox.remove_prefix(1);
  while (!mailbox.empty() && mailbox.back() == ' ') mailbox.remove_suffix(1);
  return std::string(mailbox);
}

std::string Encode(const Message& m, std::string_view from, std::string_view message_id, std::int64_t now_ms) {
  InitGMime();
  Ref<GMimeMessage> message(g_mime_message_new(TRUE));
  GMimeObject* object = GMIME_OBJECT(message.get());

  const std::string from_text(from);
  Ref<InternetAddressList> from_list(internet_address_list_parse(nullptr, from_text.c_str()));
  if (from_list) internet_address_list_append(g_mime_message_get_from(message.get()), from_list.get());
  // UTF-8 for a name in any script (GMime would otherwise pick a legacy charset that fits).
  Ref<InternetAddress> to(internet_address_mailbox_new(m.to_name.c_str(), m.to_address.c_str()));
  internet_address_set_charset(to.get(), "utf-8");
  internet_address_list_add(g_mime_message_get_addresses(message.get(), GMIME_ADDRESS_TYPE_TO), to.get());
  g_mime_message_set_subject(message.get(), m.subject.c_str(), "utf-8");
  GDateTime* date = g_date_time_new_from_unix_utc(now_ms / 1000);
  g_mime_message_set_date(message.get(), date);
  g_date_time_unref(date);
  const std::string id = std::string(message_id) + "@" + DomainOf(AddressOf(from));
  g_mime_message_set_message_id(message.get(), id.c_str());
  // Our extra headers are ASCII and structured (List-Unsubscribe's <url>): written as they
  // are, never folded into encoded words, which would make a URL unreadable to mail clients.
  for (const auto& [name, value] : m.headers) {
    g_mime_object_set_header(object, name.c_str(), value.c_str(), nullptr);
    GMimeHeader* header = g_mime_header_list_get_header(g_mime_object_get_header_list(object), name.c_str());
    if (header) g_mime_header_set_raw_value(header, (" " + value + "\n").c_str());
  }

  Ref<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
  Ref<GMimeTextPart> text(TextPart("plain", m.text));
  Ref<GMimeTextPart> html(TextPart("html", m.html));
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(text.get()));  // clients show the last one they can
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(html.get()));
  g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(alternative.get()));

  GMimeFormatOptions* options = g_mime_format_options_new();
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  char* encoded = g_mime_object_to_string(object, options);
  g_mime_format_options_free(options);
  std::string out(encoded ? encoded : "");
  g_free(encoded);
  return out;
}

}  // namespace agora::mail
