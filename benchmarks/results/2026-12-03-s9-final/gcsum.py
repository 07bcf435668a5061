import csv,sys,collections
d=collections.defaultdict(list)
for r in csv.reader(open(sys.argv[1])):
    if len(r)<5 or r[0]=='Timestamp': continue
    try: d[r[2]].append(float(r[4]))
    except: pass
def m(k): 
    v=d.get(k,[]); return sum(v)/len(v) if v else float('nan')
print("pause%%=%.1f gen0/s=%.1f gen1/s=%.1f gen2/s=%.2f alloc MB/s=%.1f gen2MB=%.0f gen0MB=%.1f timers=%.0f" % (
 100*m('dotnet.gc.pause.time (s / 1 sec)'), m('dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen0]'),
 m('dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen1]'), m('dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen2]'),
 m('dotnet.gc.heap.total_allocated (By / 1 sec)')/1e6, m('dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen2]')/1e6,
 m('dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen0]')/1e6, m('dotnet.timer.count ({timer})')))
