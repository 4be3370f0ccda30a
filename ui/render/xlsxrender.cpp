#include "ui/render/reportrender.h"

#include "ledger/domain/units.h"

#include <xlsxwriter.h>

#include <QDateTime>

namespace render {

namespace lr = ledger::reports;

namespace {

lxw_datetime toDatetime(int64_t ms)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    const QDate d = t.date();
    const QTime tm = t.time();
    return lxw_datetime { d.year(), d.month(), d.day(), tm.hour(), tm.minute(),
        double(tm.second()) + tm.msec() / 1000.0 };
}

std::string utf8(const QString &s)
{
    return s.toStdString();
}

} // namespace

ledger::Result<void> writeXlsx(const lr::Report &report, const QString &path)
{
    if (report.rows.size() > 1'000'000)
        return ledger::makeError("too_large",
            QStringLiteral("%1 rows do not fit in one XLSX sheet (1,048,576 rows); use CSV.")
                .arg(report.rows.size()));
    const QByteArray file = path.toLocal8Bit();
    lxw_workbook *wb = workbook_new(file.constData());
    if (!wb)
        return ledger::makeError("io_error", QStringLiteral("Cannot create %1.").arg(path));
    lxw_worksheet *ws = workbook_add_worksheet(wb, utf8(report.name.left(31)).c_str());
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 14);
    lxw_format *amount = workbook_add_format(wb);
    format_set_num_format(amount, "#,##0.000");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format *dateTime = workbook_add_format(wb);
    format_set_num_format(dateTime, "yyyy-mm-dd hh:mm:ss");
    lxw_format *integer = workbook_add_format(wb);
    format_set_num_format(integer, "0");

    lxw_row_t row = 0;
    worksheet_write_string(ws, row++, 0, utf8(report.title).c_str(), title);
    auto info = [&](const QString &label, const QString &value) {
        worksheet_write_string(ws, row, 0, utf8(label).c_str(), bold);
        worksheet_write_string(ws, row, 1, utf8(value).c_str(), nullptr);
        ++row;
    };
    info(QStringLiteral("Alliance"), QStringLiteral("%1 (%2)").arg(report.allianceName, report.allianceId));
    info(QStringLiteral("Period"), lr::periodText(report.from, report.to));
    info(QStringLiteral("Checkpoint"),
        report.checkpointSize
            ? QStringLiteral("tree size %1, root %2").arg(report.checkpointSize).arg(report.checkpointRoot)
            : QStringLiteral("none"));
    info(QStringLiteral("Generated"), ledger::units::formatIsoTime(report.generatedAt));
    for (const auto &[label, value] : report.summary)
        info(label, value);
    ++row;
    const lxw_row_t headerRow = row;
    for (size_t c = 0; c < report.columns.size(); ++c) {
        worksheet_write_string(ws, row, lxw_col_t(c), utf8(report.columns[c].title).c_str(), bold);
        worksheet_set_column(
            ws, lxw_col_t(c), lxw_col_t(c), report.columns[c].type == lr::CellType::Text ? 22 : 16, nullptr);
    }
    ++row;
    for (const auto &cells : report.rows) {
        for (size_t c = 0; c < cells.size(); ++c) {
            const lr::Cell &cell = cells[c];
            const auto col = lxw_col_t(c);
            switch (cell.type) {
            case lr::CellType::Empty:
                break;
            case lr::CellType::Text:
                worksheet_write_string(ws, row, col, utf8(cell.text).c_str(), nullptr);
                break;
            case lr::CellType::Amount:
                worksheet_write_number(ws, row, col, double(cell.number) / 1000.0, amount);
                break;
            case lr::CellType::Integer:
                worksheet_write_number(ws, row, col, double(cell.number), integer);
                break;
            case lr::CellType::Date: {
                lxw_datetime dt = toDatetime(cell.number);
                worksheet_write_datetime(ws, row, col, &dt, cell.number % 86400000 == 0 ? date : dateTime);
                break;
            }
            }
        }
        ++row;
    }
    if (!report.columns.empty()) {
        worksheet_freeze_panes(ws, headerRow + 1, 0);
        worksheet_autofilter(ws, headerRow, 0, row > headerRow + 1 ? row - 1 : headerRow,
            lxw_col_t(report.columns.size() - 1));
    }
    const lxw_error rc = workbook_close(wb);
    if (rc != LXW_NO_ERROR)
        return ledger::makeError(
            "io_error", QStringLiteral("Cannot write %1: %2").arg(path, QString::fromUtf8(lxw_strerror(rc))));
    return {};
}

} // namespace render
