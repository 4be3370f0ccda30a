#include "ui/render/reportrender.h"

#include "ledger/domain/units.h"

#include <QFontMetrics>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>

namespace render {

namespace lr = ledger::reports;

namespace {

// Layout in PDF points (1/72 inch) of an A4 landscape page at 72 dpi.
constexpr int kDpi = 72;
constexpr int kMargin = 36;
constexpr int kHeaderHeight = 54;
constexpr int kFooterHeight = 24;
constexpr int kRowHeight = 13;

int tablePages(const lr::Report &r)
{
    return std::max<int>(1, int((r.rows.size() + kPdfRowsPerPage - 1) / kPdfRowsPerPage));
}

class PdfPages
{
public:
    PdfPages(QPdfWriter &writer, QPainter &p, const lr::Report &r, int total)
        : m_writer(writer)
        , m_p(p)
        , m_r(r)
        , m_total(total)
    { }

    QRect body() const
    {
        const QRect page(0, 0, m_p.device()->width(), m_p.device()->height());
        return page.adjusted(kMargin, kMargin + kHeaderHeight, -kMargin, -(kMargin + kFooterHeight));
    }

    void frame()
    {
        const int w = m_p.device()->width(), h = m_p.device()->height();
        QFont f = m_p.font();
        f.setPointSize(12);
        f.setBold(true);
        m_p.setFont(f);
        m_p.drawText(QRect(kMargin, kMargin, w - 2 * kMargin, 16), Qt::AlignLeft, m_r.title);
        f.setPointSize(8);
        f.setBold(false);
        m_p.setFont(f);
        m_p.drawText(QRect(kMargin, kMargin + 18, w - 2 * kMargin, 12), Qt::AlignLeft,
            QStringLiteral("%1 (%2) · %3")
                .arg(m_r.allianceName, m_r.allianceId, lr::periodText(m_r.from, m_r.to)));
        m_p.drawText(QRect(kMargin, kMargin + 30, w - 2 * kMargin, 12), Qt::AlignLeft,
            m_r.checkpointSize
                ? QStringLiteral("Drawn from the checkpoint of tree size %1, root %2 (log size %3)")
                      .arg(m_r.checkpointSize)
                      .arg(m_r.checkpointRoot)
                      .arg(m_r.logSize)
                : QStringLiteral("Drawn from a log of %1 entries without a signed checkpoint")
                      .arg(m_r.logSize));
        m_p.drawLine(kMargin, kMargin + kHeaderHeight - 6, w - kMargin, kMargin + kHeaderHeight - 6);
        m_p.drawLine(kMargin, h - kMargin - kFooterHeight + 6, w - kMargin, h - kMargin - kFooterHeight + 6);
        m_p.drawText(QRect(kMargin, h - kMargin - 12, w - 2 * kMargin, 12), Qt::AlignLeft,
            QStringLiteral("Alliance Portal · %1 · generated %2")
                .arg(m_r.name, ledger::units::formatIsoTime(m_r.generatedAt)));
        m_p.drawText(QRect(kMargin, h - kMargin - 12, w - 2 * kMargin, 12), Qt::AlignRight,
            QStringLiteral("Page %1 of %2").arg(m_page).arg(m_total));
    }

    void next()
    {
        m_writer.newPage();
        ++m_page;
        frame();
    }

    int page() const { return m_page; }

private:
    QPdfWriter &m_writer;
    QPainter &m_p;
    const lr::Report &m_r;
    int m_total;
    int m_page = 1;
};

void drawChart(QPainter &p, const lr::Chart &chart, QRect area)
{
    QFont f = p.font();
    f.setPointSize(10);
    f.setBold(true);
    p.setFont(f);
    p.drawText(QRect(area.left(), area.top(), area.width(), 14), Qt::AlignLeft, chart.title);
    f.setPointSize(7);
    f.setBold(false);
    p.setFont(f);
    const size_t n = std::min<size_t>(chart.bars.size(), 20);
    if (n == 0)
        return;
    int64_t max = 1;
    for (size_t i = 0; i < n; ++i)
        max = std::max(max, chart.bars[i].second);
    const int top = area.top() + 20;
    const int barH = std::max(6, std::min(14, (area.height() - 24) / int(n) - 3));
    const int labelW = 160, valueW = 90;
    const int maxW = area.width() - labelW - valueW - 10;
    for (size_t i = 0; i < n; ++i) {
        const auto &[label, value] = chart.bars[i];
        const int y = top + int(i) * (barH + 3);
        p.drawText(QRect(area.left(), y, labelW - 6, barH), Qt::AlignRight | Qt::AlignVCenter,
            p.fontMetrics().elidedText(label, Qt::ElideMiddle, labelW - 6));
        const int w = int(std::max<int64_t>(0, value) / std::max<int64_t>(1, max / std::max(1, maxW)));
        p.fillRect(QRect(area.left() + labelW, y, std::max(1, w), barH), QColor(0x2f, 0x6f, 0xb3));
        p.drawText(QRect(area.left() + labelW + w + 4, y, valueW, barH), Qt::AlignLeft | Qt::AlignVCenter,
            chart.amountBars ? ledger::units::formatAmount(value) : QString::number(value));
    }
}

constexpr int kColumnGap = 8; // points between columns

// Font metrics of the painter's current font in the units it draws in. On a QPdfWriter at 72 dpi,
// QFontMetrics measures at the screen's resolution, so its widths are scaled to what drawText lays out.
struct DrawnMetrics
{
    explicit DrawnMetrics(QPainter &p)
        : fm(p.fontMetrics())
    {
        const QString sample = QStringLiteral("2026-06-30 12:00:00Z 1,234,567.890 Ag");
        scale = p.boundingRect(QRectF(), Qt::AlignLeft, sample).width()
            / std::max(1, fm.horizontalAdvance(sample));
    }
    // Rounded up, plus a point: elidedText cuts a text whose exact width is a fraction above the integer.
    int width(const QString &text) const { return int(std::ceil(fm.horizontalAdvance(text) * scale)) + 1; }
    QString elided(const QString &text, int width) const
    {
        return fm.elidedText(text, Qt::ElideRight, int(width / scale));
    }
    QFontMetrics fm;
    double scale = 1;
};

Qt::Alignment alignment(lr::CellType type)
{
    return type == lr::CellType::Amount || type == lr::CellType::Integer ? Qt::AlignRight : Qt::AlignLeft;
}

// The left edge of every column and the right edge of the last, in `width` points from `left`; sets `font`
// to the table's size. Each column's natural width is its widest header or cell (the first 2000 rows) in
// that font. Headers, numbers and dates keep theirs (the font goes down to 5 pt to make them fit); text
// columns get their header's width and share what is left in proportion to how much more they would need.
std::vector<int> columnEdges(const lr::Report &report, int width, int left, QFont &font, QPainter &p)
{
    const size_t cols = report.columns.size();
    std::vector<int> natural(cols), least(cols);
    for (int size = 7;; --size) {
        font.setPointSize(size);
        QFont bold = font;
        bold.setBold(true);
        p.setFont(bold);
        const DrawnMetrics bm(p);
        p.setFont(font);
        const DrawnMetrics fm(p);
        int fixed = 0, textNatural = 0, textLeast = 0;
        for (size_t c = 0; c < cols; ++c) {
            least[c] = bm.width(report.columns[c].title) + kColumnGap;
            natural[c] = least[c];
            for (size_t r = 0; r < std::min<size_t>(report.rows.size(), 2000); ++r)
                if (c < report.rows[r].size())
                    natural[c] = std::max(natural[c], fm.width(lr::cellText(report.rows[r][c])) + kColumnGap);
            if (report.columns[c].type == lr::CellType::Text) {
                textNatural += natural[c];
                textLeast += least[c];
            } else {
                fixed += natural[c];
            }
        }
        if (fixed + textLeast <= width || size == 5) {
            std::vector<int> w(cols);
            const int spare = width - fixed; // for the text columns
            for (size_t c = 0; c < cols; ++c) {
                if (report.columns[c].type != lr::CellType::Text || fixed + textNatural <= width)
                    w[c] = natural[c];
                else
                    w[c] = least[c]
                        + int(int64_t(std::max(0, spare - textLeast)) * (natural[c] - least[c])
                            / std::max(1, textNatural - textLeast));
            }
            // Whatever is still free goes to the columns evenly, so the table spans the page.
            int used = 0;
            for (int v : w)
                used += v;
            std::vector<int> x(cols + 1, left);
            const int extra = cols ? std::max(0, width - used) / int(cols) : 0;
            for (size_t c = 0; c < cols; ++c)
                x[c + 1] = x[c] + w[c] + extra;
            return x;
        }
    }
}

} // namespace

int pdfPageCount(const lr::Report &report)
{
    return 1 + tablePages(report);
}

ledger::Result<int> writePdf(const lr::Report &report, const QString &path)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return ledger::makeError(
            "no_gui", QStringLiteral("PDF needs a QGuiApplication (the offscreen platform will do)."));
    QPdfWriter writer(path);
    writer.setResolution(kDpi);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF()));
    writer.setTitle(report.title);
    writer.setCreator(QStringLiteral("Alliance Portal"));
    QPainter p;
    if (!p.begin(&writer))
        return ledger::makeError("io_error", QStringLiteral("Cannot write %1.").arg(path));
    const int total = pdfPageCount(report);
    PdfPages pages(writer, p, report, total);
    pages.frame();

    // Page 1: summary and chart.
    QRect area = pages.body();
    QFont f = p.font();
    f.setPointSize(9);
    p.setFont(f);
    int y = area.top();
    for (const auto &[label, value] : report.summary) {
        if (y > area.top() + area.height() / 2 - 14)
            break;
        f.setBold(true);
        p.setFont(f);
        p.drawText(QRect(area.left(), y, 220, 13), Qt::AlignLeft, label);
        f.setBold(false);
        p.setFont(f);
        p.drawText(QRect(area.left() + 224, y, area.width() - 224, 13), Qt::AlignLeft, value);
        y += 14;
    }
    if (report.chart)
        drawChart(p, *report.chart, QRect(area.left(), y + 10, area.width(), area.bottom() - y - 10));

    // The table, kPdfRowsPerPage rows a page. Columns are measured in the table's font: numbers, dates and
    // headers are never cut (the font shrinks until they fit); only long text (titles) is elided.
    const size_t cols = report.columns.size();
    const std::vector<int> x = columnEdges(report, area.width(), area.left(), f, p);
    for (int tp = 0; tp < total - 1; ++tp) {
        pages.next();
        area = pages.body();
        f.setBold(true);
        p.setFont(f);
        const DrawnMetrics bold(p);
        for (size_t c = 0; c < cols; ++c) {
            const QRect cellRect = QRect(x[c], area.top(), x[c + 1] - x[c] - kColumnGap, kRowHeight);
            p.drawText(cellRect, alignment(report.columns[c].type) | Qt::AlignVCenter,
                bold.elided(report.columns[c].title, cellRect.width()));
        }
        p.drawLine(area.left(), area.top() + kRowHeight, area.right(), area.top() + kRowHeight);
        f.setBold(false);
        p.setFont(f);
        const DrawnMetrics fm(p);
        const size_t first = size_t(tp) * kPdfRowsPerPage;
        for (size_t r = first; r < std::min(report.rows.size(), first + kPdfRowsPerPage); ++r) {
            const int ry = area.top() + kRowHeight * int(r - first + 1) + 2;
            for (size_t c = 0; c < cols && c < report.rows[r].size(); ++c) {
                const lr::Cell &cell = report.rows[r][c];
                const QRect cellRect(x[c], ry, x[c + 1] - x[c] - kColumnGap, kRowHeight);
                p.drawText(cellRect, alignment(cell.type) | Qt::AlignVCenter,
                    fm.elided(lr::cellText(cell), cellRect.width()));
            }
        }
        if (report.rows.empty())
            p.drawText(QRect(area.left(), area.top() + kRowHeight + 2, area.width(), kRowHeight),
                Qt::AlignLeft, QStringLiteral("No rows in this period."));
    }
    p.end();
    return total;
}

} // namespace render
