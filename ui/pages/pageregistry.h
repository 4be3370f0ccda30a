#pragma once
// Which pages exist and who sees them: the navigation list is built from this, by the role of the opened key
// (a startup sees only its own pages). Adding a page = one entry in pageregistry.cpp.

#include <QString>

#include <functional>
#include <vector>

namespace portal {

class Page;
class PortalContext;

struct PageSpec
{
    QString key; // stable id: "dashboard", "applications", ...
    QString title; // translated
    QString icon; // resource path
    std::function<Page *(PortalContext &)> make;
};

// The pages the context's identity may reach, in navigation order.
std::vector<PageSpec> pagesFor(const PortalContext &ctx);

} // namespace portal
