// The mails of identity's links (account_links.h), rendered when the mail worker sends them:
// the link's token is made only then, and a mail whose reason went (the person activated
// meanwhile, was deactivated, or no account has the address asked for) is not sent.
#pragma once

#include "modules/mail/worker.h"

namespace agora::identity {

void RegisterMails(mail::Worker& worker, const Clock& clock);

}  // namespace agora::identity
