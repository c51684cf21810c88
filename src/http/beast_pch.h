// Precompiled header for the Beast translation unit(s) of agora_http only.
#pragma once
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
