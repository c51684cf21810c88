#include "modules/blogs/scheduler.h"

#include "core/log.h"

namespace agora::blogs {

Scheduler::Scheduler(BlogService& service)
    : ticker_("publishing scheduled blog entries", std::chrono::seconds(1), [&service] {
        if (int n = service.PublishDue(); n > 0) log::Info("scheduled blog entries published", {{"count", n}});
      }) {}

}  // namespace agora::blogs
