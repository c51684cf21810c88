// Publishes scheduled blog entries when their time comes (BlogService::PublishDue), on a
// thread of its own that looks once a second: an indexed read of the schedule, usually
// empty. With several nodes each looks; publishing is one transaction that does nothing to an
// entry published already, so an entry is published (and its followers told) once.
#pragma once

#include "core/ticker.h"
#include "modules/blogs/service.h"

namespace agora::blogs {

class Scheduler {
 public:
  explicit Scheduler(BlogService& service);

 private:
  Ticker ticker_;
};

}  // namespace agora::blogs
