#include "live/api.h"

#include "http/response.h"

namespace agora::live {

void RegisterApi(http::Router& router) {
  router.Add(http::Method::kGet, "/api/v1/stream",
             {.access = http::Access::kUser},
             [](http::Request&) {
               return http::Problem(Error::Malformed("this is a WebSocket endpoint: connect with Upgrade: websocket"));
             });
}

}  // namespace agora::live
