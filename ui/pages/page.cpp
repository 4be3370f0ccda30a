#include "ui/pages/page.h"

#include "ui/core/portalcontext.h"

namespace portal {

Page::Page(PortalContext &ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
{
    connect(&ctx, &PortalContext::ledgerChanged, this, &Page::markStale);
}

Page::~Page()
{
    delete m_detailPane.data();
}

void Page::markStale()
{
    m_stale = true;
    if (isVisible()) {
        m_stale = false;
        refresh();
    }
}

void Page::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        m_stale = false;
        refresh();
    }
}

} // namespace portal
