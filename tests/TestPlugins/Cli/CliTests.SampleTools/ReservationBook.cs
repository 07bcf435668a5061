namespace CliTests.SampleTools;

public interface IReservationBook
{
    int FreeTables(DateOnly day, Seating seating);
}

public sealed class ReservationBook : IReservationBook
{
    public int FreeTables(DateOnly day, Seating seating) => seating == Seating.Terrace ? 2 : 5;
}
