// Publishes scheduled blog entries when their time comes (BlogService::PublishDue), on a
// thread of its own that looks once a second: an indexed read of the schedule, usually
// empty. With several nodes each looks; publishing is one transaction that does nothing to an
// entry published already, so an entry is published (and its followers told) once.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "modules/blogs/service.h"

namespace agora::blogs {

class Scheduler {
 public:
  explicit Scheduler(BlogService& service);
  ~Scheduler();  // stops and joins

 private:
  void Loop();

  BlogService& service_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace agora::blogs
