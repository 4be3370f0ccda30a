// XLSX and PDF renderers: the XLSX is a real zip whose sheet holds typed numbers and dates (read back with
// unzip), never formulas; the PDF is a PDF with the expected number of pages; and alliancectl writes both.

#include "ledger/reports/reports.h"
#include "reportworld.h"
#include "support/ctlprocess.h"
#include "ui/render/reportrender.h"

#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QXmlStreamReader>

#include <map>

using namespace ledger::reports;
using namespace testsupport;

namespace {

struct XCell
{
    QString type, style, value;
};

QByteArray unzipMember(const QString &zip, const QString &member)
{
    auto r = runProgram(
        QStandardPaths::findExecutable(QStringLiteral("unzip")), { QStringLiteral("-p"), zip, member });
    return r.exitCode == 0 ? r.out : QByteArray();
}

std::map<QString, XCell> sheetCells(const QByteArray &xml)
{
    std::map<QString, XCell> cells;
    QXmlStreamReader x(xml);
    QString ref;
    while (!x.atEnd()) {
        x.readNext();
        if (x.isStartElement() && x.name() == QLatin1String("c")) {
            ref = x.attributes().value(QLatin1String("r")).toString();
            cells[ref] = XCell { x.attributes().value(QLatin1String("t")).toString(),
                x.attributes().value(QLatin1String("s")).toString(), {} };
        } else if (x.isStartElement() && x.name() == QLatin1String("v")) {
            cells[ref].value = x.readElementText();
        }
    }
    return cells;
}

// The number format of each cell style index, from styles.xml.
std::vector<QString> styleFormats(const QByteArray &xml)
{
    std::map<QString, QString> numFmts { { QStringLiteral("0"), QStringLiteral("General") } };
    std::vector<QString> out;
    QXmlStreamReader x(xml);
    bool inCellXfs = false;
    while (!x.atEnd()) {
        x.readNext();
        if (x.isStartElement() && x.name() == QLatin1String("numFmt"))
            numFmts[x.attributes().value(QLatin1String("numFmtId")).toString()]
                = x.attributes().value(QLatin1String("formatCode")).toString();
        if (x.isStartElement() && x.name() == QLatin1String("cellXfs"))
            inCellXfs = true;
        if (x.isEndElement() && x.name() == QLatin1String("cellXfs"))
            inCellXfs = false;
        if (inCellXfs && x.isStartElement() && x.name() == QLatin1String("xf")) {
            const QString id = x.attributes().value(QLatin1String("numFmtId")).toString();
            out.push_back(numFmts.count(id) ? numFmts[id] : QStringLiteral("builtin ") + id);
        }
    }
    return out;
}

} // namespace

class TestReportRender : public QObject
{
    Q_OBJECT

    std::unique_ptr<LedgerFixture> fx;
    reporttest::ReportWorld rw;

    Report report(const QString &name, const QString &startup = {})
    {
        ReportOptions o;
        o.now = rw.end;
        o.startup = startup;
        auto r = buildReport(fx->store(), name, o);
        if (!r.ok())
            QTest::qFail(qPrintable(r.error().toString()), __FILE__, __LINE__);
        return r.ok() ? *r : Report {};
    }

private slots:
    void initTestCase()
    {
        fx = std::make_unique<LedgerFixture>();
        rw = reporttest::build(*fx);
    }

    void xlsxHasTypedCells()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty())
            QSKIP("unzip is not installed");
        const Report r = report(QStringLiteral("statement"), QStringLiteral("st-1"));
        LF_STOP_IF_FAILED();
        const QString path = fx->dir().path() + QStringLiteral("/statement.xlsx");
        auto w = render::writeXlsx(r, path);
        QVERIFY2(w.ok(), qPrintable(w.ok() ? QString() : w.error().toString()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(4) == QByteArray("PK\x03\x04", 4)); // a zip
        const QByteArray sheet = unzipMember(path, QStringLiteral("xl/worksheets/sheet1.xml"));
        QVERIFY(!sheet.isEmpty());
        QVERIFY(!sheet.contains("<f>")); // no formulas anywhere
        const auto cells = sheetCells(sheet);
        const auto formats = styleFormats(unzipMember(path, QStringLiteral("xl/styles.xml")));
        auto formatOf
            = [&](const XCell &c) { return c.style.isEmpty() ? QString() : formats.at(c.style.toUInt()); };
        // The usage of 50.5 GPU-hours and the closing balance 219.5: numbers in the amount format, not text.
        int amounts = 0, dates = 0;
        bool usage = false, closing = false, january = false;
        for (const auto &[ref, c] : cells) {
            if (formatOf(c) == QLatin1String("#,##0.000")) {
                ++amounts;
                QVERIFY2(c.type.isEmpty(), qPrintable(ref)); // typed number
                usage = usage || c.value == QLatin1String("-50.5");
                closing = closing || c.value == QLatin1String("219.5");
            }
            if (formatOf(c).startsWith(QLatin1String("yyyy-mm-dd"))) {
                ++dates;
                QVERIFY2(c.type.isEmpty(), qPrintable(ref));
                bool ok = false;
                c.value.toDouble(&ok);
                QVERIFY(ok);
                january = january || c.value == QLatin1String("46023"); // 2026-01-01 as an Excel date
            }
        }
        QVERIFY(amounts >= 10);
        QVERIFY(dates >= 5);
        QVERIFY(usage);
        QVERIFY(closing);
        QVERIFY(january);
    }

    void xlsxKeepsHostileTextAsText()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty())
            QSKIP("unzip is not installed");
        const Report r = report(QStringLiteral("pipeline"));
        const QString path = fx->dir().path() + QStringLiteral("/pipeline.xlsx");
        QVERIFY(render::writeXlsx(r, path).ok());
        QVERIFY(!unzipMember(path, QStringLiteral("xl/worksheets/sheet1.xml")).contains("<f>"));
        QStringList strings;
        QXmlStreamReader x(unzipMember(path, QStringLiteral("xl/sharedStrings.xml")));
        while (!x.atEnd()) {
            if (x.readNext() == QXmlStreamReader::StartElement && x.name() == QLatin1String("t"))
                strings << x.readElementText();
        }
        // Exactly the title as recorded: a string cell, not a formula, and not altered.
        QVERIFY(strings.contains(QStringLiteral("=HYPERLINK(\"http://x\",\"서울 \"\"AI\"\"\")")));
    }

    void pdfHasTheExpectedPages()
    {
        Report r = report(QStringLiteral("utilisation"));
        LF_STOP_IF_FAILED();
        const QString small = fx->dir().path() + QStringLiteral("/u.pdf");
        auto pages = render::writePdf(r, small);
        QVERIFY2(pages.ok(), qPrintable(pages.ok() ? QString() : pages.error().toString()));
        QCOMPARE(pages.value(), 2); // summary and chart, then one page of table
        // Many rows: 100 copies -> 1 + ceil(rows / rows per page) pages.
        const auto rows = r.rows;
        for (int i = 0; i < 100; ++i)
            r.rows.insert(r.rows.end(), rows.begin(), rows.end());
        const int expected = 1 + int((r.rows.size() + render::kPdfRowsPerPage - 1) / render::kPdfRowsPerPage);
        QVERIFY(expected > 10);
        const QString big = fx->dir().path() + QStringLiteral("/big.pdf");
        QCOMPARE(render::writePdf(r, big).value(), expected);
        for (const auto &[file, n] : { std::pair { small, 2 }, std::pair { big, expected } }) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray pdf = f.readAll();
            QVERIFY(pdf.startsWith("%PDF-"));
            QCOMPARE(int(pdf.count("/Type /Page\n")), n);
            QVERIFY(pdf.contains(QStringLiteral("/Count %1").arg(n).toLatin1()));
        }
    }

    void alliancectlWritesEveryFormat()
    {
        fx->close();
        for (const char *format : { "csv", "xlsx", "pdf" }) {
            for (const auto &info : catalogue()) {
                if (info.name == QLatin1String("journal"))
                    continue;
                const QString out
                    = fx->dir().path() + QStringLiteral("/cli-%1.%2").arg(info.name, QLatin1String(format));
                QStringList args { QStringLiteral("report"), info.name, QStringLiteral("--ledger"),
                    fx->path(), QStringLiteral("--format"), QLatin1String(format), QStringLiteral("--out"),
                    out };
                if (info.takes.contains(QStringLiteral("startup")))
                    args << QStringLiteral("--startup") << QStringLiteral("st-1");
                auto r = runAlliancectl(args);
                QVERIFY2(r.exitCode == 0, r.err.constData());
                QFile f(out);
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QByteArray head = f.read(5);
                if (QLatin1String(format) == QLatin1String("pdf"))
                    QCOMPARE(head, QByteArray("%PDF-"));
                else if (QLatin1String(format) == QLatin1String("xlsx"))
                    QCOMPARE(head.left(2), QByteArray("PK"));
                else
                    QCOMPARE(head.left(3), QByteArray("\xEF\xBB\xBF"));
            }
        }
        auto bad = runAlliancectl({ QStringLiteral("report"), QStringLiteral("pipeline"),
            QStringLiteral("--ledger"), fx->path(), QStringLiteral("--format"), QStringLiteral("docx"),
            QStringLiteral("--out"), QStringLiteral("x") });
        QCOMPARE(bad.exitCode, 1);
        auto list = runAlliancectl({ QStringLiteral("report"), QStringLiteral("--list") });
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains("utilisation"));
    }
};

QTEST_MAIN(TestReportRender)
#include "tst_reportrender.moc"
