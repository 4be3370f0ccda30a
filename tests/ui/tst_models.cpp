// The item models of the desktop, each checked by QAbstractItemModelTester while it is filled, filtered,
// sorted and reset; and the applications filter's answers.

#include "portalworld.h"
#include "ui/core/portalcontext.h"
#include "ui/models/applicationsmodel.h"
#include "ui/models/logmodel.h"
#include "ui/models/rowtablemodel.h"
#include "ui/models/startupsmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace portal;
using ledger::queries::ApplicationRow;

namespace {

std::vector<ApplicationRow> sampleApplications(int n)
{
    const char *const sectors[] = { "robotics", "healthcare", "energy", "fintech" };
    const char *const stages[] = { "submitted", "under_review", "approved", "rejected" };
    std::vector<ApplicationRow> rows;
    for (int i = 0; i < n; ++i) {
        ApplicationRow a;
        a.id = "app-" + std::to_string(i);
        a.startup = "st-" + std::to_string(i % 97);
        a.startupName = "Startup " + std::to_string(i % 97);
        a.sector = sectors[i % 4];
        a.programme = i % 3 == 0 ? "gpu-2026" : "seed-2026";
        a.title = i % 10 == 0 ? "Korean speech model" : "Vision transformer";
        a.resource = "naver-cloud/b200";
        a.requested = 1000 * (i + 1);
        a.stage = stages[i % 4];
        if (i % 5 == 0)
            a.reviewers.push_back("rev-a");
        a.submittedAt = 1767225600000 + i;
        rows.push_back(std::move(a));
    }
    return rows;
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private slots:
    void applicationsModelFiltersAndSorts()
    {
        ApplicationsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setApplications(
            sampleApplications(400), { { QStringLiteral("rev-a"), QStringLiteral("Reviewer A") } });
        QCOMPARE(model.rowCount(), 400);
        ApplicationFilter f;
        f.text = QStringLiteral("KOREAN");
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 40);
        f.sector = QStringLiteral("robotics");
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 20); // i % 10 == 0 and i % 4 == 0
        f = {};
        f.reviewer = QStringLiteral("rev-a");
        f.stage = QStringLiteral("submitted");
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 20); // i % 20 == 0
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.applicationAt(r)->stage, std::string("submitted"));
        model.setFilter({});
        QPersistentModelIndex kept = model.index(model.rowOf(QStringLiteral("app-7")), 0);
        model.sort(ApplicationsModel::Requested, Qt::DescendingOrder);
        QCOMPARE(model.applicationAt(0)->id, std::string("app-399"));
        QCOMPARE(model.data(kept).toString(), QStringLiteral("app-7")); // persistent indexes follow the sort
        QCOMPARE(
            model.programmes(), QStringList({ QStringLiteral("gpu-2026"), QStringLiteral("seed-2026") }));
    }

    void rowTableModel()
    {
        RowTableModel model({ QStringLiteral("Id"), QStringLiteral("Amount") });
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<RowTableModel::Row> rows;
        for (int i = 0; i < 50; ++i)
            rows.push_back({ QString::number(i),
                { Cell { QString::number(i) }, numberCell(QString::number(i), 50 - i) } });
        model.setRows(std::move(rows));
        QCOMPARE(model.rowCount(), 50);
        model.sort(1, Qt::AscendingOrder);
        QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("49"));
        QCOMPARE(model.data(model.index(0, 1), Qt::TextAlignmentRole).toInt(),
            int(Qt::AlignRight | Qt::AlignVCenter));
        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
    }

    void startupsModelFiltersAndSorts()
    {
        StartupsModel model;
        StartupsFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const char *const sectors[] = { "robotics", "healthcare", "energy" };
        std::vector<ledger::queries::StartupListRow> rows;
        for (int i = 0; i < 300; ++i) {
            ledger::queries::StartupListRow s;
            s.id = "st-" + std::to_string(i);
            s.name = i % 7 == 0 ? "한강 로보틱스 " + std::to_string(i) : "Startup " + std::to_string(i);
            s.brn = std::to_string(1000000000LL + i * 7919);
            s.sector = sectors[i % 3];
            s.applications = i % 4;
            if (i % 5 == 0)
                s.balances = { { "kt-cloud/a100", 1000 * i }, { "naver-cloud/b200", 500 } };
            rows.push_back(std::move(s));
        }
        model.setStartups(rows);
        QCOMPARE(filter.rowCount(), 300);
        QCOMPARE(model.sectors(),
            QStringList(
                { QStringLiteral("energy"), QStringLiteral("healthcare"), QStringLiteral("robotics") }));
        filter.setText(QStringLiteral("한강"));
        QCOMPARE(filter.rowCount(), 43); // i % 7 == 0 below 300
        filter.setSector(QStringLiteral("robotics"));
        QCOMPARE(filter.rowCount(), 15); // i % 21 == 0
        filter.setSector({});
        // A BRN typed with dashes finds its startup; digits alone are not looked for in names.
        filter.setText(QStringLiteral("100-00-79190")); // i = 10
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, StartupsModel::Id).data().toString(), QStringLiteral("st-10"));
        filter.setText({});
        filter.sort(StartupsModel::Balance, Qt::DescendingOrder);
        QCOMPARE(filter.index(0, StartupsModel::Id).data().toString(), QStringLiteral("st-295"));
        QVERIFY(filter.index(0, StartupsModel::Balance)
                    .data()
                    .toString()
                    .contains(QStringLiteral("kt-cloud/a100")));
        filter.sort(StartupsModel::Applications, Qt::AscendingOrder);
        QCOMPARE(filter.index(0, StartupsModel::Applications).data().toString(), QStringLiteral("0"));
        model.setStartups({});
        QCOMPARE(filter.rowCount(), 0);
    }

    void logModelReadsWindows()
    {
        auto world = testsupport::makePortalWorld();
        QVERIFY(world);
        auto ctx = PortalContext::open(world->ledger, world->pmKey, world->clock());
        QVERIFY(ctx);
        LogModel model(*ctx.value());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int64_t size = ctx.value()->store().logSize().value();
        QCOMPARE(model.rowCount(), int(size));
        // Newest first (the number is known before the row is read); the rows arrive from the worker;
        // every entry's signature verifies; all are inside the latest checkpoint.
        QCOMPARE(model.data(model.index(0, LogModel::Seq)).toString(), QString::number(size - 1));
        QTRY_COMPARE(model.data(model.index(int(size) - 1, LogModel::Type)).toString(),
            QStringLiteral("alliance.genesis"));
        for (int r = 0; r < model.rowCount(); ++r)
            QTRY_VERIFY(model.data(model.index(r, LogModel::Checks))
                            .toString()
                            .contains(QStringLiteral("in checkpoint")));
        QTRY_COMPARE(
            model.data(model.index(int(size) - 2, LogModel::Signer)).toString(), QStringLiteral("root"));
        model.reload();
        QCOMPARE(model.rowCount(), int(size));
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
