"""Small exports in the real JD.com and Douyin shop formats (headers as the format specs cite
them), with the cases each format has: line items, statuses, empty cells, tab-led ids."""

from __future__ import annotations

from pathlib import Path

JD_HEADER = (
    "订单号,商品ID,商品名称,订购数量,支付方式,下单时间,京东价,订单金额,结算金额,余额支付,应付金额,"
    "订单状态,订单类型,下单帐号,客户姓名,客户地址,联系电话,订单备注,发票类型,发票抬头,发票内容,"
    "商家备注,商家备注等级（等级1-5为由高到低）,运费金额,付款确认时间,增值税发票,货号,订单完成时间,"
    "订单来源,订单渠道"
)
JD_ROWS = [
    # an order of two SKUs: the order's amounts repeated on each row
    "11729384072,100001,手袋,1,在线支付,2024-03-01 10:00:00,758.00,1097.00,932.45,0.00,932.45,完成,"
    "普通订单,jd_alice,张小明,北京市朝阳区建国路1号,13812345678,,,,,,,0.00,2024-03-01 10:05:00,,,"
    "2024-03-05 12:00:00,京东商城,PC",
    "11729384072,100002,钱包,1,在线支付,2024-03-01 10:00:00,339.00,1097.00,932.45,0.00,932.45,完成,"
    "普通订单,jd_alice,张小明,北京市朝阳区建国路1号,13812345678,,,,,,,0.00,2024-03-01 10:05:00,,,"
    "2024-03-05 12:00:00,京东商城,PC",
    "11729384073,100001,手袋,2,在线支付,2024-03-02 09:00:00,758.00,1516.00,1400.00,0.00,1400.00,"
    "(删除)等待确认收货,普通订单,jd_bob,李雷,上海市浦东新区张江路2号,13900001111,,,,,,,0.00,"
    "2024-03-02 09:01:00,,,,京东APP,APP",
    # cancelled after payment: the money went back
    "11729384074,100003,围巾,1,在线支付,2024-03-03 08:00:00,99.00,99.00,99.00,0.00,99.00,取消,"
    "普通订单,jd_alice,张小明,北京市朝阳区建国路1号,13812345678,,,,,,,0.00,2024-03-03 08:02:00,,,,"
    "京东商城,PC",
    # cancelled before payment
    "11729384075,100003,围巾,1,在线支付,2024-03-04 08:00:00,99.00,99.00,99.00,0.00,99.00,等待付款,"
    "普通订单,jd_bob,李雷,上海市浦东新区张江路2号,13900001111,,,,,,,0.00,,,,,京东商城,PC",
    "11729384076,100001,手袋,1,在线支付,2024-03-05 08:00:00,758.00,758.00,758.00,0.00,758.00,神秘状态,"
    "普通订单,jd_bob,李雷,上海市浦东新区张江路2号,13900001111,,,,,,,0.00,2024-03-05 08:01:00,,,,"
    "京东商城,PC",
]

DOUYIN_HEADER = (
    "主订单编号,子订单编号,选购商品,商品规格,商品数量,商品ID,商家编码,商品单价,订单应付金额,运费,"
    "优惠总金额,平台优惠,商家优惠,达人优惠,商家改价,支付优惠,红包抵扣,支付方式,手续费,收件人,"
    "收件人手机号,省,市,区,街道,详细地址,是否修改过地址,地址修改时段,买家留言,订单提交时间,旗帜颜色,"
    "商家备注,订单完成时间,支付完成时间,APP渠道,流量来源,订单状态"
)
DOUYIN_ROWS = [
    # two sub-orders of one order, each with its own payable amount
    '"\t6917926768823643751","\t6917926768823643752",手袋,黑色,1,3456,SKU1,128.00,118.00,0.00,10.00,'
    "0,10.00,0,0,0,0,抖音支付,0,王芳,13512345678,浙江省,杭州市,西湖区,文新街道,文三路1号,否,-,"
    '"请尽快发货\n谢谢",2024-05-01 20:00:00,-,-,2024-05-04 10:00:00,2024-05-01 20:01:00,抖音,直播,已完成',
    '"\t6917926768823643751","\t6917926768823643753",钱包,红色,2,3457,SKU2,50.00,100.00,0.00,0.00,'
    "0,0,0,0,0,0,抖音支付,0,王芳,13512345678,浙江省,杭州市,西湖区,文新街道,文三路1号,否,-,-,"
    "2024-05-01 20:00:00,-,-,2024-05-04 10:00:00,2024-05-01 20:01:00,抖音,直播,已完成",
    # closed after payment: refunded in full (the refund is in the after-sale export)
    '"\t6917926768823643760","\t6917926768823643761",手袋,黑色,1,3456,SKU1,128.00,128.00,0.00,-,'
    "0,0,0,0,0,0,抖音支付,0,赵强,13600001111,广东省,深圳市,南山区,粤海街道,科技园2号,否,-,-,"
    "2024-05-02 09:00:00,-,-,-,2024-05-02 09:02:00,抖音极速版,短视频,已关闭",
    # closed before payment
    '"\t6917926768823643770","\t6917926768823643771",钱包,红色,1,3457,SKU2,50.00,50.00,0.00,-,'
    "0,0,0,0,0,0,-,0,赵强,13600001111,广东省,深圳市,南山区,粤海街道,科技园2号,否,-,-,"
    "2024-05-03 09:00:00,-,-,-,-,抖音,商品卡,已关闭",
    # paid, waiting to ship
    '"\t6917926768823643780","\t6917926768823643781",围巾,灰色,1,3458,SKU3,99.00,99.00,0.00,-,'
    "0,0,0,0,0,0,抖音支付,0,王芳,13512345678,浙江省,杭州市,西湖区,文新街道,文三路1号,否,-,-,"
    "2024-05-04 09:00:00,-,-,-,2024-05-04 09:00:30,抖音,直播,待发货",
]


def write(path: Path, header: str, rows: list[str], encoding: str) -> Path:
    path.write_text("\r\n".join([header, *rows]) + "\r\n", encoding=encoding)
    return path


def jd_export(directory: Path) -> Path:
    """A JD.com 订单导出 as the seller back end writes it: GBK."""
    return write(directory / "jd_orders.csv", JD_HEADER, JD_ROWS, "gb18030")


def douyin_export(directory: Path) -> Path:
    """A Douyin shop 订单导出: UTF-8 with BOM, ids led by a tab, - for nothing."""
    return write(directory / "douyin_orders.csv", DOUYIN_HEADER, DOUYIN_ROWS, "utf-8-sig")


PLANTED = ["王大锤", "13912345678", "wangdachui@163.com", "幸福路88号", "tb_wang1988"]
"""Personal values planted in rows that go to the quarantine (see :func:`planted_export`)."""


def planted_export(path):
    """A Taobao export whose broken rows carry a buyer's name, phone, e-mail, street and
    account: a row with one field too many, a bad amount and a buyer that looks masked."""
    header = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间,收货人姓名,联系手机,收货地址\n"
    rows = [
        "1,tb_li2001,10.00,交易成功,2024-01-01 10:00:00,2024-01-01 10:05:00,李雷,13800001111,北京市朝阳区建国路1号",
        "2,tb_wang1988,20.00,交易成功,2024-01-02 10:00:00,2024-01-02 10:05:00,王大锤,13912345678,"
        "浙江省杭州市西湖区幸福路88号,wangdachui@163.com",
        "3,tb_wang1988,abc,交易成功,2024-01-03 10:00:00,2024-01-03 10:05:00,王大锤,13912345678,浙江省杭州市西湖区幸福路88号",
        "4,*tb_wang1988,30.00,神秘状态,2024-01-04 10:00:00,2024-01-04 10:05:00,王*大锤,1391234*5678,*幸福路88号",
        "5,tb_wang1988,=1+1,交易成功,2024-01-05 10:00:00,2024-01-05 10:05:00,王大锤,13912345678,wangdachui@163.com",
    ]
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def quoted_export(path, broken: str):
    """A Taobao export of 20 orders with one quote problem: ``"eof"`` (row 5 opens a quote
    that is never closed), ``"resync"`` (row 10 closes it: rows 5 to 10 read as one record of
    the right width), ``"note"`` (a legitimate two-line cell, which must load)."""
    header = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间\n"
    rows = [
        f"{i},buyer{i},{i}.00,交易成功,2024-01-{i:02d} 10:00:00,2024-01-{i:02d} 10:05:00"
        for i in range(1, 21)
    ]
    if broken in ("eof", "resync"):
        rows[4] = rows[4].replace(",buyer5,", ',"buyer5,')
    if broken == "resync":
        rows[9] = rows[9].replace(",buyer10,", ',buyer10",')
    if broken == "note":
        rows[2] = rows[2].replace(",buyer3,", ',"buyer\n3",')
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def hold_open(monkeypatch, name: str = "quarantine.csv") -> None:
    """Make an earlier output ``name`` behave as a file Excel holds open on Windows: setting
    it aside fails with a sharing violation (PermissionError), as ``os.replace`` does there."""
    import os

    from crmlib.importers import result as results

    real = os.replace

    def held(source, target):
        if str(source).endswith(name) and ".earlier" in str(target):
            raise PermissionError(13, "The process cannot access the file", str(source))
        real(source, target)

    monkeypatch.setattr(results.os, "replace", held)
